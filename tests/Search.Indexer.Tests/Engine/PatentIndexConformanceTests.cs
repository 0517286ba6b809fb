using Search.Indexer.Engine;
using Search.Indexer.Records;
using static Search.Indexer.Tests.Engine.SampleRecords;

namespace Search.Indexer.Tests.Engine;

/// <summary>
/// What every <see cref="IPatentIndex"/> must do, engine-independent: a subclass supplies the engine
/// (Lucene on a temp folder, Elasticsearch on a test index). xunit makes one instance per test, so
/// each test starts from an empty store.
/// </summary>
public abstract class PatentIndexConformanceTests : IDisposable
{
    private IPatentIndex? _index;

    /// <summary>Opens the store this test instance owns; a second call after disposing reopens the same store.</summary>
    protected abstract IPatentIndex OpenIndex();

    /// <summary>
    /// Ends the index the way a killed process would (no final commit, lock files left behind where the
    /// engine has them). The default just disposes it.
    /// </summary>
    protected virtual void SimulateCrash(IPatentIndex index) => index.Dispose();

    protected IPatentIndex Index => _index ??= OpenIndex();

    private async Task<IPatentIndex> LoadedAsync()
    {
        await Index.UpsertAsync(All());
        await Index.CommitAsync();
        return Index;
    }

    private async Task<SearchResult> SearchAsync(string? text, Func<PatentQuery, PatentQuery>? configure = null)
    {
        var index = await LoadedAsync();
        var query = new PatentQuery { Text = text, PageSize = 50 };
        return await index.SearchAsync(configure is null ? query : configure(query));
    }

    private static string[] Ids(SearchResult result) => result.Hits.Select(h => h.Record.Id).Order(StringComparer.Ordinal).ToArray();

    private static string[] Sorted(params string[] ids) => ids.Order(StringComparer.Ordinal).ToArray();

    // ---- writes and reads ----

    [ConformanceFact]
    public async Task Get_after_upsert_and_commit_returns_the_exact_record()
    {
        var index = await LoadedAsync();
        foreach (var expected in All())
        {
            var actual = await index.GetAsync(expected.Id);
            Assert.NotNull(actual);
            Assert.Equal(RecordJson.Serialize(expected), RecordJson.Serialize(actual));
        }
    }

    [ConformanceFact]
    public async Task Get_unknown_id_returns_null()
    {
        var index = await LoadedAsync();
        Assert.Null(await index.GetAsync("CN999999999A"));
    }

    [ConformanceFact]
    public async Task GetMany_mix_of_known_and_unknown_ids_returns_only_the_known()
    {
        var index = await LoadedAsync();
        var found = await index.GetManyAsync([Drone, "XX1A", LithiumBattery]);
        Assert.Equal(Sorted(Drone, LithiumBattery), found.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("Acme Energy Inc.", found[LithiumBattery].Applicants[0].Name);
    }

    [ConformanceFact]
    public async Task Upsert_same_records_again_keeps_the_count_and_replaces_content()
    {
        var index = await LoadedAsync();
        var changed = Get(Drone);
        changed.Titles = [new LocalizedText("zh", "一种植保无人机喷洒装置")];
        await index.UpsertAsync(All().Where(r => r.Id != Drone).Append(changed).ToList());
        await index.CommitAsync();

        var stats = await index.GetStatsAsync();
        Assert.Equal(All().Count, stats.Records);
        Assert.Equal("一种植保无人机喷洒装置", (await index.GetAsync(Drone))!.Titles[0].Text);
        Assert.Equal([Drone], Ids(await index.SearchAsync(new PatentQuery { Text = "title:喷洒" })));
        Assert.Empty((await index.SearchAsync(new PatentQuery { Text = "title:多功能盒" })).Hits);
    }

    [ConformanceFact]
    public async Task Upsert_same_id_twice_in_one_batch_keeps_the_last()
    {
        var first = Get(Drone);
        var second = Get(Drone);
        second.Titles = [new LocalizedText("zh", "第二版标题")];
        await Index.UpsertAsync([first, second]);
        await Index.CommitAsync();
        Assert.Equal("第二版标题", (await Index.GetAsync(Drone))!.Titles[0].Text);
        Assert.Equal(1, (await Index.GetStatsAsync()).Records);
    }

    [ConformanceFact]
    public async Task Delete_existing_record_removes_it_and_says_so()
    {
        var index = await LoadedAsync();
        Assert.True(await index.DeleteAsync(Camera));
        await index.CommitAsync();
        Assert.Null(await index.GetAsync(Camera));
        Assert.Equal(All().Count - 1, (await index.GetStatsAsync()).Records);
        Assert.DoesNotContain(Camera, Ids(await index.SearchAsync(new PatentQuery { Text = "摄像头" })));
    }

    [ConformanceFact]
    public async Task Delete_unknown_id_returns_false()
    {
        var index = await LoadedAsync();
        Assert.False(await index.DeleteAsync("CN999999999A"));
        await index.CommitAsync();
        Assert.Equal(All().Count, (await index.GetStatsAsync()).Records);
    }

    // ---- text search ----

    [ConformanceFact]
    public async Task Search_Chinese_word_finds_records_that_contain_it() =>
        Assert.Equal(Sorted(Drone, DroneStorage), Ids(await SearchAsync("无人机")));

    [ConformanceFact]
    public async Task Search_short_Chinese_word_finds_it_inside_longer_words() =>
        // SmartCn splits 排水管 as 排/水管; the bigram field still finds 排水 there.
        Assert.Equal([DrainPipe], Ids(await SearchAsync("排水")));

    [ConformanceFact]
    public async Task Search_Chinese_word_smart_cn_splits_matches_only_the_contiguous_word() =>
        // 储能 must not match 储存 … 节能 (the grain store has both characters, apart).
        Assert.Equal(Sorted(EnergyStorage, DroneStorage), Ids(await SearchAsync("储能")));

    [ConformanceFact]
    public async Task Search_two_Chinese_words_requires_both() =>
        Assert.Equal([EnergyStorage], Ids(await SearchAsync("储能 温度")));

    [ConformanceFact]
    public async Task Search_English_word_matches_other_forms() =>
        // "batteries" finds "battery" (title of one, abstract of the other) through stemming.
        Assert.Equal(Sorted(LithiumBattery, DroneStorage), Ids(await SearchAsync("batteries")));

    [ConformanceFact]
    public async Task Search_English_phrase_requires_words_in_order()
    {
        Assert.Equal([DrainRobot], Ids(await SearchAsync("\"cleaning robot\"")));
        Assert.Empty(Ids(await SearchAsync("\"robot cleaning\"")));
    }

    [ConformanceFact]
    public async Task Search_or_and_not_combine_as_written()
    {
        Assert.Equal(Sorted(DrainPipe, Camera), Ids(await SearchAsync("排水 OR 摄像头")));
        Assert.Equal([Drone], Ids(await SearchAsync("无人机 NOT 储能")));
        Assert.Equal([DroneStorage], Ids(await SearchAsync("无人机 +储能")));
    }

    [ConformanceFact]
    public async Task Search_boost_reorders_without_changing_the_hits()
    {
        var plain = (await SearchAsync("排水 OR 摄像头")).Hits;
        var drainFirst = (await SearchAsync("排水^20 OR 摄像头")).Hits;
        var cameraFirst = (await SearchAsync("排水 OR \"摄像头\"^20")).Hits;
        Assert.Equal(Sorted(DrainPipe, Camera), Sorted(drainFirst.Select(h => h.Record.Id).ToArray()));
        Assert.Equal([DrainPipe, Camera], drainFirst.Select(h => h.Record.Id).ToArray());
        Assert.Equal([Camera, DrainPipe], cameraFirst.Select(h => h.Record.Id).ToArray());
        // A boost multiplies the boosted clause's score.
        var drainPlain = plain.Single(h => h.Record.Id == DrainPipe).Score;
        Assert.Equal(drainPlain * 20, drainFirst.Single(h => h.Record.Id == DrainPipe).Score, drainPlain * 20 * 1e-4);
    }

    [ConformanceFact]
    public async Task Search_word_in_title_ranks_above_word_only_in_abstract_and_claim()
    {
        // 清洗 is in the title of the wafer cleaning method, only in abstract and claim of the keyword extraction.
        var hits = (await SearchAsync("清洗")).Hits;
        Assert.Equal([SemiconductorCleaning, Keywords], hits.Select(h => h.Record.Id).ToArray());
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [ConformanceFact]
    public async Task Search_title_field_ignores_matches_in_the_abstract()
    {
        Assert.Equal([DrainPipe], Ids(await SearchAsync("title:排水")));
        Assert.Empty(Ids(await SearchAsync("title:淤泥")));
        Assert.Equal([DrainPipe], Ids(await SearchAsync("abstract:淤泥")));
        Assert.Equal([Keywords], Ids(await SearchAsync("claim:清洗处理")));
    }

    [ConformanceFact]
    public async Task Search_applicant_part_of_name_matches_the_full_name()
    {
        var all = All().Where(r => r.Applicants.Any(a => a.Name == "中科大数据研究院")).Select(r => r.Id).ToArray();
        Assert.Equal(Sorted(all), Ids(await SearchAsync("applicant:大数据研究院")));
        Assert.Equal(Sorted(all), Ids(await SearchAsync("申请人:中科大数据研究院")));
        Assert.Equal([LithiumBattery], Ids(await SearchAsync("applicant:acme")));
    }

    [ConformanceFact]
    public async Task Search_inventor_matches_records_naming_them() =>
        Assert.Equal(Sorted(Interconnect, Transistor), Ids(await SearchAsync("inventor:许文")));

    [ConformanceTheory]
    [InlineData("ipc:H", new[] { Camera, WebCrawl, EnergyStorage, SemiconductorCleaning, Interconnect, Transistor, LithiumBattery, DroneStorage })]
    [InlineData("ipc:H01", new[] { EnergyStorage, SemiconductorCleaning, Interconnect, Transistor, LithiumBattery })]
    [InlineData("ipc:H01L", new[] { SemiconductorCleaning, Interconnect, Transistor })]
    [InlineData("ipc:H01L21", new[] { SemiconductorCleaning, Interconnect })]
    [InlineData("ipc:H01L21/02", new[] { SemiconductorCleaning })]
    [InlineData("ipc:\"H01L 21/768\"", new[] { Interconnect })]
    [InlineData("ipc:E03F9/00", new[] { DrainPipe, DrainRobot })]
    public async Task Search_ipc_prefix_at_each_level_matches_every_code_below_it(string text, string[] expected) =>
        Assert.Equal(Sorted(expected), Ids(await SearchAsync(text)));

    [ConformanceTheory]
    [InlineData("pd:[2022 TO 2023]", new[] { Drone, Camera, Keywords, WebCrawl, EnergyStorage, Transistor })]
    [InlineData("pd:[20230101 TO 20230331]", new[] { Drone, WebCrawl })]
    [InlineData("pd:>=2023", new[] { Drone, Keywords, WebCrawl })]
    [InlineData("ad:<2005", new[] { LithiumBattery })]
    [InlineData("gd:[2024 TO *]", new[] { WebCrawl })]
    public async Task Search_date_ranges_select_by_day(string text, string[] expected) =>
        Assert.Equal(Sorted(expected), Ids(await SearchAsync(text)));

    [ConformanceFact]
    public async Task Search_structured_fields_match_normalised_values()
    {
        Assert.Equal(Sorted(LithiumBattery), Ids(await SearchAsync("country:us")));
        Assert.Equal(Sorted(Drone, Camera, DrainPipe, GrainStore), Ids(await SearchAsync("type:实用新型")));
        Assert.Equal(Sorted(Keywords, Interconnect, DrainRobot), Ids(await SearchAsync("status:pending")));
    }

    [ConformanceFact]
    public async Task Search_number_as_text_finds_the_record()
    {
        Assert.Equal([Drone], Ids(await SearchAsync("CN218751475U")));
        Assert.Equal([LithiumBattery], Ids(await SearchAsync("US 7,123,456 B2")));
        Assert.Equal([Drone], Ids(await SearchAsync("pn:CN202223220665.2")));
    }

    [ConformanceFact]
    public async Task Search_empty_text_matches_everything() =>
        Assert.Equal(All().Count, (await SearchAsync(null)).Total);

    [ConformanceFact]
    public async Task Search_bad_syntax_throws_query_syntax_exception()
    {
        var index = await LoadedAsync();
        var e = await Assert.ThrowsAsync<QuerySyntaxException>(() => index.SearchAsync(new PatentQuery { Text = "(无人机 OR 储能" }));
        Assert.Equal(1, e.Position);
    }

    // ---- filters and facets ----

    [ConformanceFact]
    public async Task Search_filters_of_one_field_are_ored()
    {
        var result = await SearchAsync(null, q => q with
        {
            Filters = new Dictionary<string, IReadOnlyList<string>> { [FacetFields.LegalStatus] = ["lapsed", "expired"] },
        });
        Assert.Equal(Sorted(DrainPipe, GrainStore, LithiumBattery), Ids(result));
    }

    [ConformanceFact]
    public async Task Search_filters_of_different_fields_are_anded()
    {
        var result = await SearchAsync(null, q => q with
        {
            Filters = new Dictionary<string, IReadOnlyList<string>>
            {
                [FacetFields.DocumentType] = ["invention"],
                [FacetFields.ApplicantType] = ["university"],
            },
        });
        Assert.Equal(Sorted(EnergyStorage, DroneStorage), Ids(result));
    }

    [ConformanceFact]
    public async Task Search_filters_with_text_restrict_without_changing_scores()
    {
        var plain = await SearchAsync("无人机");
        var filtered = await Index.SearchAsync(new PatentQuery
        {
            Text = "无人机",
            Filters = new Dictionary<string, IReadOnlyList<string>> { [FacetFields.Country] = ["CN"] },
        });
        Assert.Equal([Drone], Ids(filtered));
        Assert.Equal(plain.Hits.Single(h => h.Record.Id == Drone).Score, filtered.Hits[0].Score, 4);
    }

    [ConformanceFact]
    public async Task Search_date_filters_are_inclusive()
    {
        var result = await SearchAsync(null, q => q with
        {
            PublicationDate = new DateRange(new DateOnly(2023, 3, 28), new DateOnly(2023, 3, 31)),
            GrantDate = new DateRange(new DateOnly(2023, 1, 1), null),
        });
        Assert.Equal(Sorted(Drone, WebCrawl), Ids(result));
    }

    [ConformanceFact]
    public async Task Search_unknown_filter_field_throws_argument_exception()
    {
        var index = await LoadedAsync();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => index.SearchAsync(new PatentQuery
        {
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["colour"] = ["red"] },
        }));
        Assert.Contains("colour", e.Message, StringComparison.Ordinal);
    }

    [ConformanceFact]
    public async Task Search_facets_count_the_matching_records()
    {
        var result = await SearchAsync("ipc:H01", q => q with { Facets = FacetFields.All });
        Assert.Equal(5, result.Total);
        Assert.Equal([new("H01L", 3), new("H01M", 2)], result.Facets[FacetFields.IpcSubclass]);
        Assert.Equal([new("invention", 5)], result.Facets[FacetFields.DocumentType]);
        Assert.Equal([new("CN", 4), new("US", 1)], result.Facets[FacetFields.Country]);
        Assert.Equal([new("enterprise", 3), new("researchInstitute", 2), new("university", 1)], result.Facets[FacetFields.ApplicantType]);
        Assert.Equal([new("inForce", 2), new("expired", 1), new("pending", 1), new("withdrawn", 1)], result.Facets[FacetFields.LegalStatus]);
        Assert.Equal([new("2020", 2), new("2022", 2), new("2006", 1)], result.Facets[FacetFields.Year]);
        Assert.Contains(new FacetValue("厦门芯片研究所", 2), result.Facets[FacetFields.Applicant]);
    }

    [ConformanceFact]
    public async Task Search_facets_with_filter_reflect_the_filter()
    {
        var result = await SearchAsync("ipc:H01", q => q with
        {
            Facets = [FacetFields.IpcSubclass],
            Filters = new Dictionary<string, IReadOnlyList<string>> { [FacetFields.Country] = ["CN"] },
        });
        Assert.Equal([new("H01L", 3), new("H01M", 1)], result.Facets[FacetFields.IpcSubclass]);
    }

    [ConformanceFact]
    public async Task Search_facet_size_limits_values_to_the_largest()
    {
        var result = await SearchAsync(null, q => q with { Facets = [FacetFields.Applicant], FacetSize = 1 });
        Assert.Equal([new FacetValue("中科大数据研究院", 4)], result.Facets[FacetFields.Applicant]);
    }

    // ---- sorting, paging, highlighting ----

    [ConformanceFact]
    public async Task Search_sort_by_publication_date_orders_both_ways()
    {
        var expected = All().OrderByDescending(r => r.PublicationDate).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id).ToArray();
        var desc = await SearchAsync(null, q => q with { Sort = SearchSort.PublicationDateDescending });
        Assert.Equal(expected, desc.Hits.Select(h => h.Record.Id).ToArray());

        var asc = await Index.SearchAsync(new PatentQuery { Sort = SearchSort.PublicationDateAscending, PageSize = 50 });
        Assert.Equal(All().OrderBy(r => r.PublicationDate).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id).ToArray(),
            asc.Hits.Select(h => h.Record.Id).ToArray());
    }

    [ConformanceFact]
    public async Task Search_sort_by_application_date_puts_oldest_first()
    {
        var asc = await SearchAsync("ipc:H01", q => q with { Sort = SearchSort.ApplicationDateAscending });
        Assert.Equal([LithiumBattery, SemiconductorCleaning, Interconnect, Transistor, EnergyStorage], asc.Hits.Select(h => h.Record.Id).ToArray());
    }

    [ConformanceFact]
    public async Task Search_sort_by_value_index_puts_highest_first_and_unscored_last()
    {
        await LoadedAsync();
        var drone = Get(Drone);
        drone.Scores[LabelFacets.ValueIndexScore] = 0.2;
        var camera = Get(Camera);
        camera.Scores[LabelFacets.ValueIndexScore] = 0.9;
        await Index.UpsertAsync([drone, camera]);
        await Index.CommitAsync();

        var result = await Index.SearchAsync(new PatentQuery { Sort = SearchSort.ValueIndexDescending, PageSize = 50 });
        var ids = result.Hits.Select(h => h.Record.Id).ToArray();
        Assert.Equal([Camera, Drone], ids[..2]);
        Assert.Equal(All().Count, ids.Length);
    }

    [ConformanceFact]
    public async Task Search_paging_returns_disjoint_pages_covering_all_hits()
    {
        await LoadedAsync();
        var seen = new List<string>();
        for (var page = 1; page <= 5; page++)
        {
            var result = await Index.SearchAsync(new PatentQuery { Page = page, PageSize = 3, Sort = SearchSort.PublicationDateDescending });
            Assert.Equal(All().Count, result.Total);
            Assert.True(result.Hits.Count <= 3);
            seen.AddRange(result.Hits.Select(h => h.Record.Id));
        }
        Assert.Equal(All().Count, seen.Count);
        Assert.Equal(Sorted(All().Select(r => r.Id).ToArray()), seen.Order(StringComparer.Ordinal).ToArray());
    }

    [ConformanceTheory]
    [InlineData(0, 20, "Page")]
    [InlineData(1, 0, "PageSize")]
    [InlineData(1, PatentQuery.MaxPageSize + 1, "PageSize")]
    [InlineData(PatentQuery.MaxResultWindow / 100 + 1, 100, "10000")]
    public async Task Search_invalid_paging_throws_argument_exception_naming_the_problem(int page, int pageSize, string mentioned)
    {
        var index = await LoadedAsync();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => index.SearchAsync(new PatentQuery { Page = page, PageSize = pageSize }));
        Assert.Contains(mentioned, e.Message, StringComparison.Ordinal);
    }

    [ConformanceFact]
    public async Task Search_highlight_marks_Chinese_matches_in_title_and_abstract()
    {
        var hit = (await SearchAsync("排水")).Hits.Single();
        Assert.Contains("<mark>排水</mark>", hit.Highlights["title.zh"], StringComparison.Ordinal);
        Assert.Contains("<mark>排水</mark>管内壁", hit.Highlights["abstract.zh"], StringComparison.Ordinal);
    }

    [ConformanceFact]
    public async Task Search_highlight_encodes_html_and_marks_English_words()
    {
        var hit = (await SearchAsync("robot")).Hits.Single();
        var title = hit.Highlights["title.en"];
        Assert.Contains("<mark>robot</mark>", title, StringComparison.Ordinal);
        Assert.Contains("&amp;", title, StringComparison.Ordinal);
        Assert.DoesNotContain(" & ", title, StringComparison.Ordinal);
    }

    [ConformanceFact]
    public async Task Search_highlight_off_returns_no_fragments()
    {
        var result = await SearchAsync("排水", q => q with { Highlight = false });
        Assert.Empty(result.Hits.Single().Highlights);
    }

    // ---- lookup by number ----

    [ConformanceTheory]
    [InlineData("CN202223220665.2", Drone)]
    [InlineData("CN 2022232206652", Drone)]
    [InlineData("CN202223220665", Drone)]
    [InlineData("ZL202223220665.2", Drone)]
    [InlineData("2022232206652", Drone)]
    [InlineData("CN218751475U", Drone)]
    [InlineData("cn 218751475", Drone)]
    [InlineData("US 7,123,456 B2", LithiumBattery)]
    [InlineData("US7123456", LithiumBattery)]
    [InlineData("EP 2906782 A2", DrainRobot)]
    [InlineData("EP2906782", DrainRobot)]
    [InlineData("WO2018148832A1", DroneStorage)]
    [InlineData("WO 2018/148832", DroneStorage)]
    [InlineData("CN115883397B", WebCrawl)]
    [InlineData("CN115883397", WebCrawl)]
    public async Task Lookup_number_in_any_written_form_finds_the_record(string number, string expected)
    {
        var index = await LoadedAsync();
        var found = await index.LookupAsync(number);
        Assert.Equal([expected], found.Select(r => r.Id).ToArray());
    }

    [ConformanceFact]
    public async Task Lookup_number_with_another_kind_finds_nothing()
    {
        var index = await LoadedAsync();
        Assert.Empty(await index.LookupAsync("CN218751475A"));
    }

    [ConformanceFact]
    public async Task Lookup_text_that_is_no_number_throws_argument_exception()
    {
        var index = await LoadedAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => index.LookupAsync("drone"));
    }

    // ---- stats, export, durability, concurrency ----

    [ConformanceFact]
    public async Task GetStats_counts_records_size_and_facets()
    {
        var index = await LoadedAsync();
        var stats = await index.GetStatsAsync();
        Assert.Equal(All().Count, stats.Records);
        Assert.True(stats.SizeBytes > 0);
        Assert.Equal(All().Count, stats.Facets[FacetFields.Country].Sum(v => v.Count));
        Assert.Equal(new FacetValue("CN", 10), stats.Facets[FacetFields.Country][0]);
    }

    [ConformanceFact]
    public async Task Export_streams_every_record_in_id_order()
    {
        var index = await LoadedAsync();
        var exported = new List<PatentRecord>();
        await foreach (var r in index.ExportAsync()) exported.Add(r);
        Assert.Equal(Sorted(All().Select(r => r.Id).ToArray()), exported.Select(r => r.Id).ToArray());
        Assert.Equal(RecordJson.Serialize(Get(Transistor)), RecordJson.Serialize(exported.Single(r => r.Id == Transistor)));
    }

    // ---- label-only updates ----

    [ConformanceFact]
    public async Task SetLabels_changes_only_the_named_labels_and_score_families_and_keeps_the_rest()
    {
        var index = Index;
        var drone = Get(Drone);
        drone.Labels["chain"] = ["old-chain"];
        drone.Labels["open_license"] = ["available"];
        drone.Scores["valueIndex"] = 0.3;
        drone.Scores["valueIndex:claims"] = 0.2;
        drone.Scores["other"] = 1;
        await index.UpsertAsync([drone, Get(Camera)]);
        await index.CommitAsync();

        var change = new LabelChanges
        {
            Labels = new Dictionary<string, IReadOnlyList<string>> { ["chain"] = ["low-altitude"], ["high_value"] = ["true"] },
            Scores = new Dictionary<string, double> { ["valueIndex"] = 0.8 },
            ReplacedScorePrefixes = ["valueIndex"],
        };
        var changed = await index.SetLabelsAsync(new Dictionary<string, LabelChanges> { [Drone] = change, ["CN999999999U"] = change });
        await index.CommitAsync();

        Assert.Equal(1, changed);
        var stored = await index.GetAsync(Drone);
        Assert.NotNull(stored);
        Assert.Equal(["low-altitude"], stored.Labels["chain"]);
        Assert.Equal(["true"], stored.Labels["high_value"]);
        Assert.Equal(["available"], stored.Labels["open_license"]);
        Assert.Equal(0.8, stored.Scores["valueIndex"]);
        Assert.False(stored.Scores.ContainsKey("valueIndex:claims"));
        Assert.Equal(1, stored.Scores["other"]);
        Assert.Equal(Get(Drone).Titles, stored.Titles);
        Assert.Null(await index.GetAsync("CN999999999U"));

        // The facet and the value sort follow the new labels, as for an upserted record.
        Assert.Equal([Drone], Ids(await index.SearchAsync(new PatentQuery { Filters = new Dictionary<string, IReadOnlyList<string>> { ["chain"] = ["low-altitude"] } })));
        Assert.Empty((await index.SearchAsync(new PatentQuery { Filters = new Dictionary<string, IReadOnlyList<string>> { ["chain"] = ["old-chain"] } })).Hits);
        Assert.Equal(Drone, (await index.SearchAsync(new PatentQuery { Sort = SearchSort.ValueIndexDescending })).Hits[0].Record.Id);

        // The same change again changes nothing; an empty list removes a label.
        Assert.Equal(0, await index.SetLabelsAsync(new Dictionary<string, LabelChanges> { [Drone] = change }));
        Assert.Equal(1, await index.SetLabelsAsync(new Dictionary<string, LabelChanges> { [Drone] = LabelChanges.Label("open_license") }));
        await index.CommitAsync();
        Assert.False((await index.GetAsync(Drone))!.Labels.ContainsKey("open_license"));
        Assert.Empty((await index.SearchAsync(new PatentQuery { Filters = new Dictionary<string, IReadOnlyList<string>> { ["open_license"] = ["available"] } })).Hits);
    }

    [ConformanceFact]
    public async Task UpsertData_replaces_a_stored_records_data_and_keeps_its_labels_as_stored_at_the_write()
    {
        var index = Index;
        var drone = Get(Drone);
        drone.Labels["chain"] = ["old-chain"];
        drone.Labels["open_license"] = ["available"];
        drone.Scores["valueIndex"] = 0.3;
        await index.UpsertAsync([drone]);
        await index.CommitAsync();
        // What a load read, then a label write after that read (not committed: not yet seen by searches on Lucene).
        var read = (await index.GetAsync(Drone))!;
        await index.SetLabelsAsync(new Dictionary<string, LabelChanges> { [Drone] = LabelChanges.Label("chain", "low-altitude") });
        read.Titles = [new LocalizedText("zh", "一种巡检无人机（新数据）")];
        var camera = Get(Camera);
        camera.Labels["chain"] = ["camera-chain"];

        await index.UpsertDataAsync([read, camera]);
        await index.CommitAsync();

        var stored = (await index.GetAsync(Drone))!;
        Assert.Equal("一种巡检无人机（新数据）", stored.Titles.Single().Text);
        Assert.Equal(["low-altitude"], stored.Labels["chain"]);
        Assert.Equal(["available"], stored.Labels["open_license"]);
        Assert.Equal(0.3, stored.Scores["valueIndex"]);
        Assert.Equal([Drone], Ids(await index.SearchAsync(new PatentQuery { Filters = new Dictionary<string, IReadOnlyList<string>> { ["chain"] = ["low-altitude"] } })));
        Assert.Empty((await index.SearchAsync(new PatentQuery { Filters = new Dictionary<string, IReadOnlyList<string>> { ["chain"] = ["old-chain"] } })).Hits);
        // A record not stored yet is written with the labels it carries.
        Assert.Equal(["camera-chain"], (await index.GetAsync(Camera))!.Labels["chain"]);
    }

    [ConformanceFact]
    public async Task Two_label_writers_at_once_each_keep_their_own_labels_on_every_record()
    {
        var index = await LoadedAsync();
        var ids = All().Select(r => r.Id).ToList();
        const int rounds = 15;
        // Two owners of different labels, as Analytics labelling and the open-licence sync are, writing the same
        // records at the same time record by record: each write must land on the other's latest.
        async Task WriteAsync(string label, string prefix)
        {
            for (var round = 0; round < rounds; round++)
                foreach (var id in ids)
                    await index.SetLabelsAsync(new Dictionary<string, LabelChanges> { [id] = LabelChanges.Label(label, $"{prefix}-{round}") });
        }
        await Task.WhenAll(Task.Run(() => WriteAsync("chain", "chain")), Task.Run(() => WriteAsync("open_license", "licence")));
        await index.CommitAsync();

        foreach (var id in ids)
        {
            var stored = await index.GetAsync(id);
            Assert.NotNull(stored);
            Assert.Equal([$"chain-{rounds - 1}"], stored.Labels["chain"]);
            Assert.Equal([$"licence-{rounds - 1}"], stored.Labels["open_license"]);
        }
        Assert.Equal(ids.Count, (await index.SearchAsync(new PatentQuery { Filters = new Dictionary<string, IReadOnlyList<string>> { ["chain"] = [$"chain-{rounds - 1}"] } })).Total);
    }

    [ConformanceFact]
    public async Task Scan_full_streams_every_live_record_whole()
    {
        var index = await LoadedAsync();
        Assert.True(await index.DeleteAsync(Camera));
        await index.CommitAsync();
        var scanned = new List<PatentRecord>();
        await foreach (var r in index.ScanAsync(RecordView.Full)) scanned.Add(r);
        var expected = All().Where(r => r.Id != Camera).ToList();
        Assert.Equal(Sorted(expected.Select(r => r.Id).ToArray()), Sorted(scanned.Select(r => r.Id).ToArray()));
        foreach (var e in expected)
            Assert.Equal(RecordJson.Serialize(e), RecordJson.Serialize(scanned.Single(r => r.Id == e.Id)));
    }

    [ConformanceFact]
    public async Task Scan_summary_streams_each_records_summary_as_last_written()
    {
        var index = await LoadedAsync();
        var relabelled = Get(Drone);
        relabelled.Labels["chain"] = ["low-altitude"];
        relabelled.Scores["valueIndex"] = 0.75;
        await index.UpsertAsync([relabelled]);
        await index.CommitAsync();
        var scanned = new List<PatentRecord>();
        await foreach (var r in index.ScanAsync(RecordView.Summary)) scanned.Add(r);
        Assert.Equal(Sorted(All().Select(r => r.Id).ToArray()), Sorted(scanned.Select(r => r.Id).ToArray()));
        foreach (var e in All().Select(r => r.Id == Drone ? relabelled : r))
        {
            var summary = scanned.Single(r => r.Id == e.Id);
            Assert.Equal(RecordJson.Serialize(RecordSummary.Of(e)), RecordJson.Serialize(summary));
            Assert.Empty(summary.Abstracts);
            Assert.Empty(summary.Inventors);
        }
        Assert.Equal(["low-altitude"], scanned.Single(r => r.Id == Drone).Labels["chain"]);
    }

    [ConformanceFact]
    public async Task MatchingIds_are_the_ids_search_finds_with_filters_and_beyond_one_page()
    {
        var index = await LoadedAsync();
        await index.UpsertAsync(Generated(120).ToList());
        await index.CommitAsync();
        foreach (var query in new[]
        {
            new PatentQuery { Text = "排水 OR 无人机" },
            new PatentQuery { Text = "装置 -茶叶", Filters = new Dictionary<string, IReadOnlyList<string>> { [FacetFields.Country] = ["CN"] } },
            new PatentQuery { Text = null, PublicationDate = new DateRange(new DateOnly(2022, 1, 1), null) },
        })
        {
            var all = new List<string>();
            for (var page = 1; ; page++)
            {
                var result = await index.SearchAsync(query with { Page = page, PageSize = 50, Highlight = false });
                all.AddRange(result.Hits.Select(h => h.Record.Id));
                if (all.Count >= result.Total || result.Hits.Count == 0) break;
            }
            var ids = await index.MatchingIdsAsync(query);
            Assert.Equal(all.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
            Assert.NotEmpty(ids);
        }
        Assert.Equal(All().Count + 120, (await index.MatchingIdsAsync(new PatentQuery())).Count);
        // Paging and facets do not apply: a page far past the result window is no reason to refuse.
        Assert.Equal(All().Count + 120, (await index.MatchingIdsAsync(new PatentQuery { Page = 1_000, PageSize = 200, Facets = [FacetFields.Applicant] })).Count);
        Assert.Empty(await index.MatchingIdsAsync(new PatentQuery { Text = "不存在的词语组合甲乙丙" }));
        await Assert.ThrowsAsync<QuerySyntaxException>(() => index.MatchingIdsAsync(new PatentQuery { Text = "title:(排水" }));
    }

    [ConformanceFact]
    public async Task Reopen_after_commit_and_dispose_keeps_every_record()
    {
        await LoadedAsync();
        _index!.Dispose();
        _index = OpenIndex();
        Assert.Equal(All().Count, (await Index.GetStatsAsync()).Records);
        Assert.Equal([DrainPipe], Ids(await Index.SearchAsync(new PatentQuery { Text = "排水" })));
    }

    [ConformanceFact]
    public async Task Reopen_after_crash_opens_and_keeps_committed_records()
    {
        await LoadedAsync();
        SimulateCrash(_index!);
        _index = OpenIndex();
        Assert.Equal(All().Count, (await Index.GetStatsAsync()).Records);
        await Index.UpsertAsync(Generated(5).ToList());
        await Index.CommitAsync();
        Assert.Equal(All().Count + 5, (await Index.GetStatsAsync()).Records);
    }

    [ConformanceFact]
    public async Task Search_during_bulk_upsert_keeps_answering_consistently()
    {
        var index = await LoadedAsync();
        var baseCount = All().Count;
        var load = Task.Run(async () =>
        {
            for (var batch = 0; batch < 10; batch++)
                await index.UpsertAsync(Generated(200, batch * 200).ToList());
        });
        var searches = 0;
        while (!load.IsCompleted || searches < 5)
        {
            var result = await index.SearchAsync(new PatentQuery { Text = "储能", Facets = [FacetFields.DocumentType] });
            Assert.True(result.Total >= 2, $"search {searches} lost records: {result.Total}");
            // One document type per record: the counts come from the same snapshot as the total.
            Assert.Equal(result.Total, result.Facets[FacetFields.DocumentType].Sum(v => v.Count));
            Assert.NotNull(await index.GetAsync(EnergyStorage));
            searches++;
        }
        await load;
        await index.CommitAsync();
        Assert.Equal(baseCount + 2000, (await index.GetStatsAsync()).Records);
        Assert.Equal(2 + 2000 / 6 + (2000 % 6 > 1 ? 1 : 0), (await index.SearchAsync(new PatentQuery { Text = "储能" })).Total);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing) _index?.Dispose();
    }
}
