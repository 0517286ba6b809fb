using System.Globalization;
using Analytics.Taxonomy;
using Marketplace.Web.Localization;
using Marketplace.Web.Patents;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Search.Indexer.Engine;
using Search.Indexer.Normalization;

namespace Marketplace.Web.Tests.Search;

/// <summary>A sub-topic facet reads as its chain and terms, not as the stored id.</summary>
public sealed class SubTopicNameTests
{
    private static PatentLabels Labels() => new(
        new StringLocalizer<SharedResource>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)),
        IpcScheme.Default, IndustryTaxonomy.Default);

    [Fact]
    public void A_sub_topic_shows_its_chain_name_and_terms_in_the_page_language()
    {
        var chain = IndustryTaxonomy.Default.Chains[0];
        var value = $"{chain.Id}/4 电池·太阳能·材料";
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            Assert.Equal($"{chain.NameZh} · 电池·太阳能·材料", Labels().FacetValue(LabelFacets.SubTopic, value));
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal($"{chain.NameEn} · 电池·太阳能·材料", Labels().FacetValue(LabelFacets.SubTopic, value));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void A_value_without_the_id_form_is_shown_as_it_is()
    {
        Assert.Equal("电池 储能", Labels().SubTopicName("电池 储能"));
        Assert.Equal("a/b", Labels().SubTopicName("a/b"));
    }
}
