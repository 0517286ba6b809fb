using Analytics.Reports;

namespace Analytics.Tests.Reports;

/// <summary>A report's charts speak Chinese for the documents, and the caller's language through the English phrases.</summary>
public sealed class ReportChartLanguageTests
{
    private static readonly NavigationReport Report = ReportDocumentsTests.SampleReport();

    [Fact]
    public void Charts_drawn_with_a_translator_carry_its_words_in_titles_axes_legends_and_field_names()
    {
        // English is the phrases' own text, as the web's English resources give it.
        var charts = ReportCharts.Draw(Report, phrase => phrase.ToString()).ToDictionary(c => c.Id);

        var trend = charts["trend"].Svg;
        Assert.Contains("Patent applications and grants", trend, StringComparison.Ordinal);
        Assert.Contains("Grants (by grant year)", trend, StringComparison.Ordinal);
        Assert.Contains("Applications: Invention", trend, StringComparison.Ordinal);
        Assert.DoesNotContain("专利申请与授权趋势", trend, StringComparison.Ordinal);
        Assert.DoesNotContain("授权（按授权年）", trend, StringComparison.Ordinal);
        Assert.Equal("Patent applications and grants", charts["trend"].Title);
        Assert.Contains("Number of patents", charts["fields"].Svg, StringComparison.Ordinal);
        Assert.DoesNotContain(Report.Composition.TechnologyFields[0].Name, charts["fields"].Svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_drawn_without_a_translator_stay_Chinese_and_each_title_has_its_phrase()
    {
        var charts = ReportCharts.Draw(Report);

        Assert.Contains("专利申请与授权趋势", charts.Single(c => c.Id == "trend").Svg, StringComparison.Ordinal);
        Assert.All(charts, c => Assert.True(ReportCharts.TitleOf(c.Id, Report).IsTranslated));
        Assert.Equal($"Revealed technological advantage (RTA): {Report.CityName} and {Report.ProvinceName} (1 = average of all data)",
            ReportCharts.TitleOf("rta", Report).ToString());
    }
}
