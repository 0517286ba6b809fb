using Marketplace.Web.Organizations;

namespace Marketplace.Web.Tests.Organizations;

public sealed class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    [InlineData("12100000400000624D")]
    public void A_published_code_with_its_check_character_is_valid(string code)
    {
        Assert.True(UnifiedSocialCreditCode.TryParse(code, out var parsed, out var error));
        Assert.Equal(CreditCodeError.None, error);
        Assert.Equal(code, parsed!.Value);
    }

    [Theory]
    [InlineData("91350100M000100Y44")]
    [InlineData("91110000600037341K")]
    [InlineData("12100000400000624E")]
    public void A_wrong_check_character_is_refused(string code)
    {
        Assert.False(UnifiedSocialCreditCode.TryParse(code, out _, out var error));
        Assert.Equal(CreditCodeError.WrongCheckCharacter, error);
    }

    [Fact]
    public void Swapping_two_characters_is_caught_by_the_check_character()
    {
        Assert.False(UnifiedSocialCreditCode.TryParse("91350100M000010Y43", out _, out var error));
        Assert.Equal(CreditCodeError.WrongCheckCharacter, error);
    }

    [Theory]
    [InlineData("91350100M000100Y4")]
    [InlineData("91350100M000100Y431")]
    [InlineData("9135")]
    public void A_code_that_is_not_18_characters_long_is_refused(string code)
    {
        Assert.False(UnifiedSocialCreditCode.TryParse(code, out _, out var error));
        Assert.Equal(CreditCodeError.WrongLength, error);
    }

    [Fact]
    public void Lower_case_input_is_accepted_and_stored_in_capitals()
    {
        Assert.True(UnifiedSocialCreditCode.TryParse("  91350100m000100y43 ", out var parsed, out _));
        Assert.Equal("91350100M000100Y43", parsed!.Value);
    }

    [Fact]
    public void Lower_case_input_with_a_wrong_check_character_is_still_refused()
    {
        Assert.False(UnifiedSocialCreditCode.TryParse("91350100m000100y44", out _, out var error));
        Assert.Equal(CreditCodeError.WrongCheckCharacter, error);
    }

    [Fact]
    public void Full_width_characters_typed_with_a_Chinese_input_method_are_normalised()
    {
        Assert.True(UnifiedSocialCreditCode.TryParse("９１３５０１００Ｍ０００１００Ｙ４３", out var parsed, out _));
        Assert.Equal("91350100M000100Y43", parsed!.Value);
    }

    [Theory]
    [InlineData("91350100M000100I43")]
    [InlineData("91350100M000100O43")]
    [InlineData("91350100M0001-0Y43")]
    public void Letters_outside_the_code_alphabet_are_refused(string code)
    {
        Assert.False(UnifiedSocialCreditCode.TryParse(code, out _, out var error));
        Assert.Equal(CreditCodeError.InvalidCharacter, error);
    }

    [Fact]
    public void The_administrative_division_must_be_digits()
    {
        const string first17 = "9135A100M000100Y4";
        var code = first17 + UnifiedSocialCreditCode.CheckCharacterFor(first17);
        Assert.False(UnifiedSocialCreditCode.TryParse(code, out _, out var error));
        Assert.Equal(CreditCodeError.InvalidDivisionCode, error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_code_is_missing(string? code)
    {
        Assert.False(UnifiedSocialCreditCode.TryParse(code, out _, out var error));
        Assert.Equal(CreditCodeError.Missing, error);
    }

    [Fact]
    public void A_check_character_of_zero_comes_from_a_sum_divisible_by_31()
    {
        // Find a body whose weighted sum is 0 mod 31 by varying the last body character.
        var body = "91350100MA000000".ToCharArray();
        var found = "0123456789ABCDEFGHJKLMNPQRTUWXY".Select(c => new string([.. body, c]))
            .First(b => UnifiedSocialCreditCode.CheckCharacterFor(b) == '0');
        Assert.True(UnifiedSocialCreditCode.TryParse(found + "0", out _, out _));
    }
}
