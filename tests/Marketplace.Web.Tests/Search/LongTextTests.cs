using Marketplace.Web.Patents;

namespace Marketplace.Web.Tests.Search;

public sealed class LongTextTests
{
    [Fact]
    public void A_text_up_to_half_again_the_limit_is_shown_whole()
    {
        var text = new string('长', 150);

        Assert.Same(text, LongText.Cut(text, 100));
        Assert.False(LongText.Excerpt(text, 100, "zh", "/x").IsCut);
    }

    [Fact]
    public void A_longer_text_ends_after_its_last_sentence_in_the_final_fifth_of_the_limit()
    {
        var text = new string('甲', 85) + "。" + new string('乙', 200);

        Assert.Equal(new string('甲', 85) + "。", LongText.Cut(text, 100));
    }

    [Fact]
    public void Without_a_sentence_end_it_ends_at_a_space_and_without_either_at_the_limit()
    {
        var words = string.Concat(Enumerable.Repeat("brush ", 50));
        var unbroken = new string('x', 300);

        Assert.Equal("brush brush brush brush brush brush brush brush brush brush brush brush brush brush brush brush", LongText.Cut(words, 100));
        Assert.Equal(100, LongText.Cut(unbroken, 100).Length);
    }

    [Fact]
    public void A_cut_never_splits_a_character_outside_the_basic_plane()
    {
        var text = new string('x', 99) + "𠀀" + new string('x', 200);

        var cut = LongText.Cut(text, 100);

        Assert.Equal(99, cut.Length);
        Assert.False(char.IsHighSurrogate(cut[^1]));
    }
}
