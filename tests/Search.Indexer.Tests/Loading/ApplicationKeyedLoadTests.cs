using Search.Indexer.Engine;
using Search.Indexer.Records;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Loading;

/// <summary>
/// Exports keyed by application number only (issue 15, item 6): three real records in the minimal layout
/// 申请号, 名称, 摘要, 申请人, 申请日, 主分类号, 专利类型 (TestData/cn-export-by-application, see its SOURCE.txt),
/// whose publications are in the 61-column sample export.
/// </summary>
public sealed class ApplicationKeyedLoadTests
{
    private static readonly string Applications = TestFiles.File("cn-export-by-application", "cn_applications_minimal.csv");
    private static readonly string Publications = TestFiles.File("cn-export", "cn_export_utf8_bom.csv");

    // 申请号 CN202223220665.2 was published as CN218751475U.
    private const string ApplicationId = "CN202223220665";
    private const string PublicationId = "CN218751475U";

    [Fact]
    public async Task A_minimal_export_without_publication_numbers_loads_each_row_under_its_application_number()
    {
        using var f = new LoaderFixture();
        var summary = await f.LoadAsync(Applications);

        Assert.Equal(3, summary.Added);
        Assert.Equal(0, summary.Quarantined);
        var record = await f.Index.GetAsync(ApplicationId);
        Assert.NotNull(record);
        Assert.True(record.KeyedByApplication);
        Assert.Equal("CN202223220665.2", record.ApplicationNumber!.ToString());
        Assert.Equal("一种无人机机载多功能盒", record.Title("zh"));
        Assert.Equal("中科大数据研究院", Assert.Single(record.Applicants).Name);
        Assert.Equal(new DateOnly(2022, 12, 2), record.ApplicationDate);
        Assert.Equal("B64U20/80", record.IpcCodes[0]);
        Assert.Equal(DocumentType.UtilityModel, record.DocumentType);
        Assert.Equal(ApplicationId, Assert.Single(await f.Index.LookupAsync("CN 2022232206652")).Id);
    }

    [Fact]
    public async Task The_application_first_then_its_publication_gives_one_record_under_the_publication_with_both_sources_and_its_labels()
    {
        using var f = new LoaderFixture();
        await f.LoadAsync(Applications);
        await f.Index.SetLabelsAsync(new Dictionary<string, LabelChanges> { [ApplicationId] = LabelChanges.Label(LabelFacets.OpenLicense, LabelFacets.OpenLicenseAvailable) });
        await f.Index.CommitAsync();

        var second = await f.LoadAsync(Publications);

        Assert.Equal(3, second.Merged);
        Assert.Equal(7, second.Added);
        await AssertMergedAsync(f);
        Assert.Equal([LabelFacets.OpenLicenseAvailable], (await f.Index.GetAsync(PublicationId))!.Labels[LabelFacets.OpenLicense]);
    }

    [Fact]
    public async Task The_publication_first_then_its_application_merges_into_the_publication()
    {
        using var f = new LoaderFixture();
        await f.LoadAsync(Publications);

        var second = await f.LoadAsync(Applications);

        Assert.Equal(0, second.Added);
        Assert.Equal(3, second.Merged + second.Unchanged);
        await AssertMergedAsync(f);
    }

    [Fact]
    public async Task Both_in_one_load_merge_before_anything_is_written()
    {
        using var f = new LoaderFixture();
        var summary = await f.LoadAsync(Applications, Publications);

        Assert.Equal(0, summary.Quarantined);
        await AssertMergedAsync(f);
    }

    /// <summary>Ten records (the sample export's), none left under an application number, each found by either number.</summary>
    private static async Task AssertMergedAsync(LoaderFixture f)
    {
        Assert.Equal(10, await f.CountAsync());
        Assert.Null(await f.Index.GetAsync(ApplicationId));
        var byApplication = Assert.Single(await f.Index.LookupAsync("CN202223220665.2"));
        var byPublication = Assert.Single(await f.Index.LookupAsync(PublicationId));
        Assert.Equal(PublicationId, byApplication.Id);
        Assert.Equal(PublicationId, byPublication.Id);
        Assert.False(byApplication.KeyedByApplication);
        Assert.Equal(["cn_applications_minimal.csv", "cn_export_utf8_bom.csv"], byApplication.Provenance.Select(p => p.SourceFile).Distinct().Order(StringComparer.Ordinal).ToArray());
        Assert.DoesNotContain((await f.Index.SearchAsync(new PatentQuery { Text = "无人机", PageSize = 50 })).Hits, h => h.Record.KeyedByApplication);
    }
}
