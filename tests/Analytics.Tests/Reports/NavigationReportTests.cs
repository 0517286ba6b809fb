using System.Globalization;
using Analytics.Reports;
using Analytics.Taxonomy;
using Analytics.Tests.Support;
using Analytics.TechnologyFields;
using Microsoft.VisualBasic.FileIO;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Analytics.Tests.Reports;

/// <summary>
/// Each module of the navigation report: on the real Chinese export sample against figures counted here from
/// its raw CSV rows, and on small hand-made corpora whose shares and advantages are worked out by hand.
/// </summary>
public sealed class NavigationReportTests
{
    private static readonly CityDefinition Zhengzhou = new()
    {
        // The sample export's applicant sits in Zhengzhou, Henan: the city of the sample-based tests.
        Name = "郑州",
        ProvinceCode = "41",
        PostalPrefixes = ["450"],
        Counties = [new CountyDefinition { Name = "郑东新区", Population = 1_000_000 }, new CountyDefinition { Name = "金水区", Population = 1_600_000 }],
    };

    /// <summary>The samples as the index holds them: the export is shipped twice (UTF-8 and GB18030), one record per publication.</summary>
    private static IEnumerable<PatentRecord> Corpus => Samples.All.DistinctBy(r => r.Id);

    private static NavigationReport Run(IEnumerable<PatentRecord> records, ReportScope scope, CityDefinition? city = null, RecommendationOptions? rules = null)
    {
        var builder = new NavigationReportBuilder(scope, city ?? new CityDefinition(), IndustryTaxonomy.Default, TechnologyFieldConcordance.Default, rules);
        foreach (var r in records) builder.Add(r);
        return builder.Build(FixedClock.At2026.GetUtcNow(), TimeSpan.Zero);
    }

    /// <summary>The raw rows of the sample export, column name → value, read without the product's readers.</summary>
    private static List<Dictionary<string, string>> RawExportRows()
    {
        using var parser = new TextFieldParser(Path.Combine(Samples.Folder, "cn-export", "cn_export_utf8_bom.csv"), System.Text.Encoding.UTF8) { HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var rows = new List<Dictionary<string, string>>();
        while (!parser.EndOfData)
        {
            var fields = parser.ReadFields()!;
            rows.Add(header.Select((h, i) => (h, v: i < fields.Length ? fields[i] : "")).ToDictionary(p => p.h.Trim('\uFEFF'), p => p.v));
        }
        return rows;
    }

    private static int Year(string yyyymmdd) => int.Parse(yyyymmdd[..4], CultureInfo.InvariantCulture);

    [Fact]
    public void Trends_on_the_sample_export_match_the_raw_rows()
    {
        var raw = RawExportRows();
        var report = Run(Corpus, new ReportScope { Region = "郑州", FromYear = 2015, ToYear = 2025 }, Zhengzhou);

        Assert.Equal(raw.Count, report.RecordsInScope);
        foreach (var y in report.Trends.Years)
        {
            Assert.Equal(raw.Count(r => Year(r["申请日"]) == y.Year), y.Applications);
            Assert.Equal(raw.Count(r => Year(r["申请日"]) == y.Year && r["专利类型"] == "实用新型"), y.UtilityModels);
            Assert.Equal(raw.Count(r => Year(r["申请日"]) == y.Year && r["专利类型"].StartsWith("发明", StringComparison.Ordinal)), y.Inventions);
            Assert.Equal(raw.Count(r => r["授权公告日"] != "0" && Year(r["授权公告日"]) == y.Year), y.Grants);
        }
        // Hand-checked: six filings in 2021, three in 2022, one in 2023; 2022 against 2021 is −50 %.
        Assert.Equal(6, report.Trends.Years.Single(y => y.Year == 2021).Applications);
        Assert.Equal(-0.5, report.Trends.Years.Single(y => y.Year == 2022).Growth!.Value, 6);
        Assert.Equal(raw.Count(r => r["专利类型"].Contains("发明授权", StringComparison.Ordinal) && r["法律状态"].StartsWith("有权", StringComparison.Ordinal)),
            report.Trends.ValidInventions);
    }

    [Fact]
    public void Composition_on_the_sample_export_counts_each_row_once_per_subclass_with_Chinese_titles()
    {
        var raw = RawExportRows();
        var report = Run(Corpus, new ReportScope { Region = "郑州", FromYear = 2015, ToYear = 2025 }, Zhengzhou);

        var expected = raw.SelectMany(r => r["分类号"].Split(';').Select(c => c.Trim()[..4]).Distinct())
            .GroupBy(s => s).ToDictionary(g => g.Key, g => (long)g.Count());
        foreach (var sc in report.Composition.IpcSubclasses)
            Assert.Equal(expected[sc.Code], sc.Count);
        Assert.Equal(expected.OrderByDescending(kv => kv.Value).First().Value, report.Composition.IpcSubclasses[0].Count);
        // B64C: aeroplanes, helicopters (飞机；直升飞机) — three rows carry it.
        var b64c = report.Composition.IpcSubclasses.Single(s => s.Code == "B64C");
        Assert.Equal(3, b64c.Count);
        Assert.Contains("飞机", b64c.Name, StringComparison.Ordinal);
        Assert.Equal(0.3, b64c.Share, 6);
        Assert.NotEmpty(report.Composition.TechnologyFields);
        Assert.All(report.Composition.TechnologyFields, f => Assert.False(string.IsNullOrEmpty(f.Name)));
    }

    [Fact]
    public void Players_on_the_sample_export_count_the_applicant_and_its_type()
    {
        var raw = RawExportRows();
        var report = Run(Corpus, new ReportScope { Region = "郑州", FromYear = 2015, ToYear = 2025 }, Zhengzhou);

        var names = raw.SelectMany(r => r["申请人"].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).GroupBy(n => n).ToList();
        var top = report.Players.TopApplicants[0];
        Assert.Equal(names.OrderByDescending(g => g.Count()).First().Count(), top.Applications);
        Assert.Equal(raw.Count(r => r["申请人类型"] == "科研机构"), report.Players.UniversityPatents);
        Assert.Equal(0, report.Players.EnterprisePatents);
        Assert.Equal("郑东新区", top.Place);
    }

    [Fact]
    public void RegionPosition_on_the_sample_export_puts_every_row_in_the_city_and_province()
    {
        var raw = RawExportRows();
        var report = Run(Corpus, new ReportScope { FromYear = 2015, ToYear = 2025 }, Zhengzhou);

        var city = report.Region.Levels.Single(l => l.Level == "city");
        var province = report.Region.Levels.Single(l => l.Level == "province");
        var all = report.Region.Levels.Single(l => l.Level == "all");
        Assert.Equal(raw.Count(r => r["申请人地址"].Contains("郑州市", StringComparison.Ordinal)), city.Patents);
        Assert.Equal(raw.Count(r => r["国省代码"].Contains("(41)", StringComparison.Ordinal)), province.Patents);
        var filed = Corpus.Count(r => (r.ApplicationDate ?? r.PublicationDate) is { Year: >= 2015 and <= 2025 });
        Assert.Equal(filed, all.Patents);
        Assert.Equal(city.Patents / (double)filed, city.ShareOfScope, 3);
        Assert.Equal(raw.Count(r => r["申请人地址"].Contains("郑东新区", StringComparison.Ordinal)), report.Region.Counties.Single(c => c.Name == "郑东新区").Count);
    }

    private static PatentRecord Patent(int n, string ipc, string address, int year, PartyType type = PartyType.Enterprise, string applicant = "某公司",
        LegalStatus status = LegalStatus.InForce, bool granted = true, DocumentType doc = DocumentType.Invention) => new()
    {
        PublicationNumber = new PatentNumber("CN", (100000 + n).ToString(CultureInfo.InvariantCulture), granted ? "B" : "A"),
        DocumentType = doc,
        Stage = granted ? PublicationStage.Grant : PublicationStage.Application,
        Titles = [new LocalizedText("zh", $"一种装置{n}")],
        IpcCodes = [ipc],
        Applicants = [new Party { Name = applicant, Address = address, Type = type }],
        ApplicationDate = new DateOnly(year, 3, 1),
        GrantDate = granted ? new DateOnly(year + 1, 6, 1) : null,
        LegalStatus = status,
    };

    private const string Jinjiang = "福建省晋江市陈埭镇";
    private const string Fuzhou = "福建省福州市鼓楼区";
    private const string Shanghai = "上海市浦东新区";

    [Fact]
    public void RevealedAdvantage_is_the_citys_field_share_over_the_corpus_field_share()
    {
        // Field 32 (transport: B60L) and field 8 (semiconductors: H01L). Quanzhou: 2 transport + 2 semiconductors;
        // Fuzhou: 2 transport; Shanghai: 4 transport. Corpus: 8 transport, 2 semiconductors, 10 in all.
        var records = new List<PatentRecord>
        {
            Patent(1, "B60L1/00", Jinjiang, 2020), Patent(2, "B60L1/00", Jinjiang, 2021),
            Patent(3, "H01L21/02", Jinjiang, 2020), Patent(4, "H01L21/02", Jinjiang, 2021),
            Patent(5, "B60L1/00", Fuzhou, 2020), Patent(6, "B60L1/00", Fuzhou, 2021),
            Patent(7, "B60L1/00", Shanghai, 2020), Patent(8, "B60L1/00", Shanghai, 2020), Patent(9, "B60L1/00", Shanghai, 2021), Patent(10, "B60L1/00", Shanghai, 2021),
        };
        var report = Run(records, new ReportScope { FromYear = 2020, ToYear = 2021 });

        var semi = report.Region.Advantage.Single(a => a.Field == 8);
        var transport = report.Region.Advantage.Single(a => a.Field == 32);
        Assert.Equal(2.5, semi.CityRta);              // (2/4) / (2/10)
        Assert.Equal(0.625, transport.CityRta);       // (2/4) / (8/10)
        Assert.Equal(1.667, semi.ProvinceRta);        // (2/6) / (2/10)
        Assert.Equal(0.833, transport.ProvinceRta);   // (4/6) / (8/10)
        var levels = report.Region.Levels.ToDictionary(l => l.Level);
        Assert.Equal(4, levels["city"].Patents);
        Assert.Equal(6, levels["province"].Patents);
        Assert.Equal(0.4, levels["city"].ShareOfScope, 6);
        Assert.Equal(2, report.Region.Counties.Single(c => c.Name == "晋江市").Count / 2);
    }

    [Fact]
    public void Scope_by_ipc_and_region_keeps_only_matching_patents_but_compares_against_the_whole_corpus()
    {
        var records = new List<PatentRecord>
        {
            Patent(1, "H01L21/02", Jinjiang, 2020), Patent(2, "H01L21/02", Shanghai, 2020), Patent(3, "B60L1/00", Jinjiang, 2020),
            Patent(4, "H01L29/66", Jinjiang, 2019),
        };
        var report = Run(records, new ReportScope { Ipc = ["H01L"], Region = "晋江市", FromYear = 2020, ToYear = 2020 });

        Assert.Equal(4, report.RecordsRead);
        Assert.Equal(1, report.RecordsInScope);
        Assert.Equal("H01L", Assert.Single(report.Composition.IpcSubclasses).Code);
        // Region levels ignore the region filter: the scope's H01L patents of 2020 are one local, two in all.
        Assert.Equal(2, report.Region.Levels.Single(l => l.Level == "all").Patents);
        Assert.Equal(0.5, report.Region.Levels.Single(l => l.Level == "city").ShareOfScope, 6);
    }

    [Fact]
    public async Task Query_is_read_as_search_reads_it_every_word_required_and_minus_words_excluded()
    {
        var a = Patent(1, "H01M10/05", Jinjiang, 2020);
        a.Titles = [new LocalizedText("zh", "一种锂电池隔膜")];
        var b = Patent(2, "H01M10/05", Jinjiang, 2020);
        b.Titles = [new LocalizedText("zh", "一种锂电池回收方法")];
        var c = Patent(3, "H01M10/05", Jinjiang, 2020);
        c.Titles = [new LocalizedText("zh", "一种电容器")];
        var d = Patent(4, "H01M10/05", Jinjiang, 2020);
        d.Titles = [new LocalizedText("zh", "一种储能装置")];
        d.Abstracts = [new LocalizedText("zh", "本发明的储能装置采用锂电池模组。")];
        using var folder = new TempFolder();
        using var index = Search.Indexer.Engine.Lucene.LuceneIndex.Open(folder.Path);
        await index.UpsertAsync([a, b, c, d]);
        await index.CommitAsync();
        var service = new NavigationReportService(new ReportOptions(), IndustryTaxonomy.Default, TechnologyFieldConcordance.Default, FixedClock.At2026);

        var report = await service.GenerateAsync(index, new ReportScope { Query = "锂电池 -回收", FromYear = 2020, ToYear = 2020 });
        var titles = await service.GenerateAsync(index, new ReportScope { Query = "title:锂电池", FromYear = 2020, ToYear = 2020 });

        Assert.Equal(2, report.RecordsInScope); // a by its title, d by its abstract; b is excluded, c lacks the word
        Assert.Equal([a.Id, d.Id], (await index.MatchingIdsAsync(new PatentQuery { Text = "锂电池 -回收" })).Order(StringComparer.Ordinal));
        Assert.Equal(4, report.RecordsRead); // the corpus around the scope is still read whole
        Assert.Equal(2, titles.RecordsInScope);
        Assert.Contains("检索式：锂电池 -回收", report.ScopeDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_for_a_scope_with_a_query_needs_the_ids_the_engine_matched()
    {
        var scope = new ReportScope { Query = "锂电池", FromYear = 2020, ToYear = 2020 };
        var e = Assert.Throws<ArgumentException>(() => new NavigationReportBuilder(scope, new CityDefinition(), IndustryTaxonomy.Default, TechnologyFieldConcordance.Default));
        Assert.Contains("query", e.Message, StringComparison.Ordinal);

        var a = Patent(1, "H01M10/05", Jinjiang, 2020);
        var b = Patent(2, "H01M10/05", Jinjiang, 2020);
        var builder = new NavigationReportBuilder(scope, new CityDefinition(), IndustryTaxonomy.Default, TechnologyFieldConcordance.Default, queryMatches: new HashSet<string> { b.Id });
        builder.Add(a);
        builder.Add(b);
        Assert.Equal(1, builder.Build(FixedClock.At2026.GetUtcNow(), TimeSpan.Zero).RecordsInScope);
    }

    [Fact]
    public void Players_count_universities_enterprises_joint_filings_and_co_applicant_links()
    {
        var joint1 = Patent(1, "H01L21/02", Jinjiang, 2020);
        joint1.Applicants = [new Party { Name = "华侨大学", Type = PartyType.University, Address = Jinjiang }, new Party { Name = "晋江某公司", Type = PartyType.Enterprise }];
        var joint2 = Patent(2, "H01L21/02", Jinjiang, 2021);
        joint2.Applicants = [new Party { Name = "晋江某公司", Type = PartyType.Enterprise, Address = Jinjiang }, new Party { Name = "华侨大学", Type = PartyType.University }];
        var alone = Patent(3, "H01L21/02", Jinjiang, 2021, PartyType.University, "华侨大学");
        var report = Run([joint1, joint2, alone], new ReportScope { FromYear = 2020, ToYear = 2021 });

        Assert.Equal(3, report.Players.UniversityPatents);
        Assert.Equal(2, report.Players.EnterprisePatents);
        Assert.Equal(2, report.Players.JointUniversityEnterprise);
        var link = Assert.Single(report.Players.CoApplicants);
        Assert.Equal(2, link.Patents);
        Assert.Equal(["华侨大学", "晋江某公司"], new[] { link.A, link.B }.Order(StringComparer.Ordinal));
        Assert.Equal("华侨大学", report.Players.TopApplicants[0].Name);
        Assert.Equal(3, report.Players.TopApplicants[0].Applications);
    }

    [Fact]
    public void Players_place_of_an_applicant_is_taken_from_its_earliest_numbered_patent_whatever_the_order()
    {
        var inJinjiang = Patent(1, "H01L21/02", Jinjiang, 2020, applicant: "某公司");
        var inShanghai = Patent(2, "H01L21/02", Shanghai, 2020, applicant: "某公司");
        var scope = new ReportScope { FromYear = 2020, ToYear = 2020 };

        var forward = Run([inJinjiang, inShanghai], scope);
        var backward = Run([inShanghai, inJinjiang], scope);

        Assert.Equal("晋江市", forward.Players.TopApplicants.Single().Place);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(forward.Players), System.Text.Json.JsonSerializer.Serialize(backward.Players));
    }

    [Fact]
    public async Task Generate_from_the_indexs_record_summaries_equals_the_report_of_whole_records_in_id_order()
    {
        using var folder = new TempFolder();
        using var index = Search.Indexer.Engine.Lucene.LuceneIndex.Open(folder.Path);
        var corpus = Corpus.Select(r => RecordJson.Deserialize(RecordJson.Serialize(r))).ToList(); // copies: the samples are shared
        var labelled = corpus.First(r => r.Applicants is [{ Address: { } a }, ..] && a.Contains("郑州", StringComparison.Ordinal) && r.ApplicationDate?.Year >= 2015);
        labelled.Labels[LabelFacets.HighValue] = ["true"];
        labelled.Scores[LabelFacets.ValueIndexScore] = 0.9;
        // Written in reverse id order over two commits: the index's own order is not id order.
        await index.UpsertAsync(corpus.AsEnumerable().Reverse().Take(corpus.Count / 2).ToList());
        await index.CommitAsync();
        await index.UpsertAsync(corpus.AsEnumerable().Reverse().Skip(corpus.Count / 2).ToList());
        await index.CommitAsync();
        var service = new NavigationReportService(new ReportOptions { City = Zhengzhou }, IndustryTaxonomy.Default, TechnologyFieldConcordance.Default, FixedClock.At2026);
        var scope = new ReportScope { Region = "郑州", FromYear = 2015, ToYear = 2025 };

        var fromIndex = await service.GenerateAsync(index, scope);
        var fromRecords = Run(corpus.OrderBy(r => r.Id, StringComparer.Ordinal), scope, Zhengzhou);

        Assert.Equal(corpus.Count, fromIndex.RecordsRead);
        Assert.True(fromIndex.RecordsInScope > 0);
        Assert.Equal(1, fromIndex.Supply.HighValue);
        string Modules(NavigationReport r) => System.Text.Json.JsonSerializer.Serialize(new { r.Trends, r.Composition, r.Players, r.Region, r.Supply, r.Recommendations });
        Assert.Equal(Modules(fromRecords), Modules(fromIndex));
    }

    [Fact]
    public void Supply_counts_labels_and_lists_the_highest_value_first()
    {
        var records = Enumerable.Range(1, 5).Select(i => Patent(i, "H01L21/02", Jinjiang, 2020, PartyType.University, "华侨大学")).ToList();
        for (var i = 0; i < 5; i++)
        {
            records[i].Labels[LabelFacets.HighValue] = [i < 3 ? "true" : "false"];
            records[i].Labels[LabelFacets.Sleeping] = [i >= 2 ? "true" : "false"];
            records[i].Scores[LabelFacets.ValueIndexScore] = 0.1 * (i + 1);
        }
        records[4].Labels[LabelFacets.OpenLicense] = [LabelFacets.OpenLicenseAvailable];
        var report = Run(records, new ReportScope { FromYear = 2020, ToYear = 2020 });

        Assert.Equal(3, report.Supply.HighValue);
        Assert.Equal(3, report.Supply.Sleeping);
        Assert.Equal(1, report.Supply.OpenLicenses);
        Assert.Equal([records[2].Id, records[1].Id, records[0].Id], report.Supply.TopHighValue.Select(p => p.Id));
        Assert.Equal(records[4].Id, report.Supply.TopSleeping[0].Id);
        Assert.Equal(0.5, report.Supply.TopSleeping[0].ValueIndex);
        Assert.Contains(report.Recommendations, r => r.Kind == RecommendationKind.PromoteOpenLicenses);
    }

    [Fact]
    public void Recommendations_suggest_licensing_where_local_universities_hold_stock_and_introduction_where_fields_grow_elsewhere()
    {
        var records = new List<PatentRecord>();
        // Semiconductors: three valid local university grants, no local enterprise filing → licensing campaign.
        for (var i = 0; i < 3; i++) records.Add(Patent(i, "H01L21/02", Jinjiang, 2018, PartyType.University, "华侨大学"));
        // Transport grows elsewhere from 5 (2017–2018) to 20 (2019–2020) filings and Quanzhou has none → introduction.
        var n = 100;
        foreach (var (year, count) in new[] { (2017, 2), (2018, 3), (2019, 8), (2020, 12) })
            for (var i = 0; i < count; i++) records.Add(Patent(n++, "B60L1/00", Shanghai, year));
        var report = Run(records, new ReportScope { FromYear = 2017, ToYear = 2020 });

        var licensing = Assert.Single(report.Recommendations, r => r.Kind == RecommendationKind.LicensingCampaign);
        Assert.Contains("半导体", licensing.Title, StringComparison.Ordinal);
        Assert.Contains("3 件", licensing.Reason, StringComparison.Ordinal);
        var introduction = Assert.Single(report.Recommendations, r => r.Kind == RecommendationKind.Introduction);
        Assert.Contains("运输", introduction.Title, StringComparison.Ordinal);
        Assert.Contains("300%", introduction.Reason, StringComparison.Ordinal); // (20 − 5) / 5
    }

    [Fact]
    public void Validate_names_each_bad_part_of_the_scope()
    {
        var problems = new ReportScope { Ipc = ["h01m", "Z99"], Region = "火星", Query = "title:(锂电池", FromYear = 2024, ToYear = 2020 }.Validate(new CityDefinition());
        Assert.Contains(problems, p => p.Field == nameof(ReportScope.Query) && p.Message.Contains("does not read as a search", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Field == nameof(ReportScope.ToYear));
        Assert.Equal(2, problems.Count(p => p.Field == nameof(ReportScope.Ipc)));
        Assert.Contains(problems, p => p.Field == nameof(ReportScope.Region) && p.Message.Contains("火星", StringComparison.Ordinal));
        Assert.Empty(new ReportScope { Ipc = ["H01M10"], Region = "福建", FromYear = 2015, ToYear = 2024 }.Validate(new CityDefinition()));
    }

    [Fact]
    public void Key_is_stable_and_differs_between_scopes()
    {
        var a = new ReportScope { Ipc = ["H01M", "H01L"], FromYear = 2015, ToYear = 2024 };
        var b = new ReportScope { Ipc = ["H01L", "H01M"], FromYear = 2015, ToYear = 2024 };
        Assert.Equal(a.Key(), b.Key());
        Assert.NotEqual(a.Key(), (a with { ToYear = 2023 }).Key());
    }
}
