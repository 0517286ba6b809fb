using Analytics.Tests.Support;
using Analytics.Value;
using Search.Indexer.Records;

namespace Analytics.Tests.Value;

public class ValueIndexTests
{
    private static ValueIndex Built(IEnumerable<PatentRecord> population, int minCohort = 30)
    {
        var index = new ValueIndex(new ValueIndexOptions { MinCohortSize = minCohort }, FixedClock.At2026);
        foreach (var r in population) index.Add(r);
        return index;
    }

    [Fact]
    public void Score_missing_components_are_reported_and_left_out_not_counted_as_zero()
    {
        // The export gives citations, transfers and dates but no family size and no claim count.
        var index = Built(Samples.Read(Path.Combine(Samples.Folder, "cn-export", "cn_export_utf8_bom.csv")));
        var s = index.Score(Samples.Export("CN115883397A"));
        Assert.NotNull(s.Index);
        Assert.InRange(s.Index.Value, 0, 1);
        Assert.InRange(s.Coverage, 0.01, 0.99);
        var claims = s.Components.Single(c => c.Component == ValueComponent.Claims);
        Assert.Null(claims.Percentile);
        Assert.Equal("no data in the source", claims.Missing);
        Assert.Contains(s.Components, c => c.Component == ValueComponent.GrantLag && c.Percentile is not null);
    }

    [Fact]
    public void Score_within_a_cohort_ranks_more_cited_patents_higher()
    {
        var population = Enumerable.Range(0, 40).Select(i =>
        {
            var r = Samples.Export("CN115883397A");
            r.PublicationNumber = new PatentNumber("CN", (115883400 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "A");
            r.Counts.CitedBy = i;
            return r;
        }).ToList();
        var index = Built(population);
        var low = index.Score(population[2]);
        var high = index.Score(population[35]);
        Assert.True(high.Index > low.Index);
        Assert.EndsWith(" × 2022", high.Cohort, StringComparison.Ordinal);
        Assert.Equal(35.5 / 40, high.Components.Single(c => c.Component == ValueComponent.ForwardCitations).Percentile!.Value, 4);
    }

    [Fact]
    public void Score_a_small_cohort_borrows_the_wider_population()
    {
        var index = Built(Samples.Read(Path.Combine(Samples.Folder, "cn-export", "cn_export_utf8_bom.csv")), minCohort: 30);
        Assert.Equal("all patents", index.Score(Samples.Export("CN115883397A")).Cohort);
    }

    [Fact]
    public void Score_a_component_no_patent_of_the_cohorts_had_is_left_out_until_they_are_learnt_again()
    {
        // Cohorts learnt from records without citations, then a record that has them arrives (a load scored against cached cohorts).
        var population = Samples.Read(Path.Combine(Samples.Folder, "cn-export", "cn_export_utf8_bom.csv")).Select(r =>
        {
            var copy = Samples.Export(r.Id);
            copy.Counts.Citations = null;
            copy.CitedDocuments.Clear();
            return copy;
        }).ToList();
        var index = Built(population);

        var s = index.Score(Samples.Export("CN115883397A"));

        var backward = s.Components.Single(c => c.Component == ValueComponent.BackwardCitations);
        Assert.NotNull(backward.Raw);
        Assert.Null(backward.Percentile);
        Assert.Equal("no patent in the cohorts has this component yet", backward.Missing);
        Assert.NotNull(s.Index);
    }

    [Fact]
    public void Score_a_patent_with_no_data_at_all_has_no_index()
    {
        var bare = new PatentRecord { PublicationNumber = PatentNumber.Parse("CN114081026A"), Titles = [new LocalizedText("zh", "一种水电站高压输电线路驱鸟保护装置")] };
        var index = Built([bare, Samples.Export("CN115883397A")]);
        var s = index.Score(bare);
        Assert.Null(s.Index);
        Assert.Equal(0, s.Coverage);
    }

    [Fact]
    public void Percentile_gives_ties_the_mid_rank()
    {
        Assert.Equal(0.5, ValueIndex.Percentile([1, 1, 1, 1], 1), 9);
        Assert.Equal(0.125, ValueIndex.Percentile([1, 2, 3, 4], 1), 9);
        Assert.Equal(0.875, ValueIndex.Percentile([1, 2, 3, 4], 4), 9);
    }
}
