using System.Diagnostics.CodeAnalysis;

namespace Marketplace.Web.Organizations;

/// <summary>
/// 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from the 31-symbol set
/// 0-9 and A-Y without I, O, S, V, Z. Position 1 is the registration authority, 2 the organisation
/// type, 3–8 the administrative division (digits), 9–17 the organisation code, 18 a check character:
/// 31 − (Σ value(i) × 3^(i−1) mod 31) mod 31, over positions 1–17.
/// </summary>
public sealed record UnifiedSocialCreditCode
{
    public const int Length = 18;

    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private UnifiedSocialCreditCode(string value) => Value = value;

    /// <summary>The canonical upper-case form.</summary>
    public string Value { get; }

    public override string ToString() => Value;

    /// <summary>
    /// Accepts what people type: surrounding spaces, lower case and full-width characters are
    /// normalised; the result is the canonical upper-case code, or the reason it is not one.
    /// </summary>
    public static bool TryParse(string? input, [NotNullWhen(true)] out UnifiedSocialCreditCode? code, out CreditCodeError error)
    {
        code = null;
        var normalized = Normalize(input);
        error = Check(normalized);
        if (error != CreditCodeError.None) return false;
        code = new UnifiedSocialCreditCode(normalized);
        return true;
    }

    public static UnifiedSocialCreditCode Parse(string input) =>
        TryParse(input, out var code, out var error) ? code : throw new FormatException($"'{input}' is not a unified social credit code: {error}.");

    /// <summary>The check character for the first 17 characters (which must be from the alphabet).</summary>
    public static char CheckCharacterFor(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1) throw new ArgumentException("Seventeen characters are needed.", nameof(first17));
        var sum = 0;
        var weight = 1;
        foreach (var c in first17)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0) throw new ArgumentException($"'{c}' is not in the code alphabet.", nameof(first17));
            sum += value * weight;
            weight = weight * 3 % 31;
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    private static CreditCodeError Check(string code)
    {
        if (code.Length == 0) return CreditCodeError.Missing;
        if (code.Length != Length) return CreditCodeError.WrongLength;
        foreach (var c in code)
            if (!Alphabet.Contains(c, StringComparison.Ordinal)) return CreditCodeError.InvalidCharacter;
        for (var i = 2; i < 8; i++)
            if (!char.IsAsciiDigit(code[i])) return CreditCodeError.InvalidDivisionCode;
        return CheckCharacterFor(code.AsSpan(0, Length - 1)) == code[^1] ? CreditCodeError.None : CreditCodeError.WrongCheckCharacter;
    }

    private static string Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return "";
        Span<char> buffer = stackalloc char[Math.Min(input.Length, 64)];
        var n = 0;
        foreach (var raw in input.AsSpan().Trim())
        {
            if (n == buffer.Length) return input.Trim().ToUpperInvariant();
            // Full-width digits and letters (ＡＢＣ１２３) as typed with a Chinese IME.
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            buffer[n++] = char.ToUpperInvariant(c);
        }
        return new string(buffer[..n]);
    }
}

public enum CreditCodeError
{
    None,
    Missing,
    WrongLength,
    InvalidCharacter,
    InvalidDivisionCode,
    WrongCheckCharacter,
}

public static class CreditCodeErrorMessages
{
    /// <summary>English message (the localisation key) for each error.</summary>
    public static string Message(this CreditCodeError error) => error switch
    {
        CreditCodeError.Missing => "Enter the unified social credit code.",
        CreditCodeError.WrongLength => "A unified social credit code has 18 characters.",
        CreditCodeError.InvalidCharacter => "A unified social credit code uses only digits and the capital letters A–Y except I, O, S, V and Z.",
        CreditCodeError.InvalidDivisionCode => "Characters 3 to 8 of a unified social credit code are the administrative division code (digits).",
        CreditCodeError.WrongCheckCharacter => "The check character (the last one) does not match: please check the code.",
        _ => "",
    };
}
