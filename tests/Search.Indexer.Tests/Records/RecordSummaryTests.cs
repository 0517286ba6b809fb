using System.Text.Json.Nodes;
using Search.Indexer.Records;

namespace Search.Indexer.Tests.Records;

public class RecordSummaryTests
{
    /// <summary>A record with every property set, so its JSON names them all.</summary>
    internal static PatentRecord Full()
    {
        var r = new PatentRecord
        {
            PublicationNumber = new PatentNumber("CN", "104968889", "B"),
            ApplicationNumber = new PatentNumber("CN", "201510346765", null),
            OtherPublicationNumbers = [new PatentNumber("CN", "104968889", "A")],
            DocumentType = DocumentType.Invention,
            Stage = PublicationStage.Grant,
            Titles = [new LocalizedText("zh", "一种锂电池"), new LocalizedText("en", "A lithium battery")],
            Abstracts = [new LocalizedText("zh", "本发明公开了一种锂电池。")],
            FirstClaims = [new LocalizedText("zh", "1.一种锂电池，其特征在于……")],
            Applicants = [new Party { Name = "华侨大学", Address = "福建省泉州市丰泽区城华北路269号", Country = "CN", Type = PartyType.University }],
            Inventors = [new Party { Name = "王五" }],
            Agency = "泉州市文华专利代理有限公司",
            IpcCodes = ["H01M10/05"],
            CpcCodes = ["H01M10/0525"],
            ApplicationDate = new DateOnly(2015, 6, 19),
            PublicationDate = new DateOnly(2017, 8, 1),
            GrantDate = new DateOnly(2017, 8, 1),
            LapseDate = new DateOnly(2024, 6, 19),
            Priorities = [new PriorityClaim("CN", "201410000000", new DateOnly(2014, 6, 19))],
            FamilyId = "55555",
            FamilyMembers = ["US2016000000A1"],
            LegalStatus = LegalStatus.Lapsed,
            LegalStatusText = "无权-未缴年费终止",
            LegalEvents = [new LegalEvent(new DateOnly(2024, 6, 19), "未缴年费专利权终止", null)],
            RegionCode = "35",
            CitedDocuments = ["CN102000000A"],
            Counts = new PatentCounts { Citations = 1, CitedBy = 4, FamilySize = 2, Transfers = 1, Licenses = 0, Pledges = 0 },
            Provenance = [new Provenance("cn.csv", "cnipa-csv", 2)],
        };
        r.Extra["权利要求数"] = "10";
        r.Labels["chain"] = ["new-energy"];
        r.Scores["valueIndex"] = 0.5;
        return r;
    }

    [Fact]
    public void Of_keeps_exactly_the_listed_properties()
    {
        var json = JsonNode.Parse(RecordJson.Serialize(RecordSummary.Of(Full())))!.AsObject();
        // Computed properties (id, country, kindCode) are written but never read back: the summary keeps what they derive from.
        var computed = RecordJson.Options.GetTypeInfo(typeof(PatentRecord)).Properties.Where(p => p.Set is null).Select(p => p.Name).ToHashSet();
        var filled = json.Where(p => !computed.Contains(p.Key) && p.Value is not (JsonArray { Count: 0 } or JsonObject { Count: 0 })).Select(p => p.Key);

        Assert.Equal(RecordSummary.Properties.Order(StringComparer.Ordinal), filled.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SerializeCompact_leaves_out_empty_lists_and_maps_and_reads_back_to_the_same_record()
    {
        var summary = RecordSummary.Of(Full());
        var compact = RecordJson.SerializeCompact(summary);
        var keys = JsonNode.Parse(compact)!.AsObject().Select(p => p.Key).ToList();

        Assert.DoesNotContain("abstracts", keys);
        Assert.DoesNotContain("id", keys); // computed from publicationNumber
        Assert.DoesNotContain("kindCode", keys);
        Assert.DoesNotContain("extra", keys);
        Assert.Contains("labels", keys);
        Assert.True(compact.Length < System.Text.Encoding.UTF8.GetByteCount(RecordJson.Serialize(summary)));
        Assert.Equal(RecordJson.Serialize(summary), RecordJson.Serialize(RecordJson.Deserialize(compact)));
    }

    [Fact]
    public void SerializeCompact_leaves_out_a_null_list_so_it_reads_back_empty()
    {
        var record = new PatentRecord { PublicationNumber = new PatentNumber("CN", "104968889", "B"), FamilyMembers = null! };

        var compact = RecordJson.SerializeCompact(record);

        Assert.DoesNotContain("familyMembers", System.Text.Encoding.UTF8.GetString(compact), StringComparison.Ordinal);
        Assert.Empty(RecordJson.Deserialize(compact).FamilyMembers);
    }

    [Fact]
    public void Of_copies_the_summary_values_and_leaves_the_source_alone()
    {
        var full = Full();
        var before = RecordJson.Serialize(full);

        var summary = RecordSummary.Of(full);
        summary.Labels["chain"].Add("changed");
        summary.IpcCodes.Add("G06F");

        Assert.Equal(before, RecordJson.Serialize(full));
        Assert.Equal(full.Id, summary.Id);
        Assert.Equal("一种锂电池", summary.Title("zh"));
        Assert.Equal("福建省泉州市丰泽区城华北路269号", summary.Applicants[0].Address);
        Assert.Equal(new DateOnly(2024, 6, 19), summary.LapseDate);
        Assert.Equal(4, summary.Counts.CitedBy);
        Assert.Equal(0.5, summary.Scores["valueIndex"]);
        Assert.Empty(summary.Abstracts);
        Assert.Empty(summary.Extra);
        Assert.Empty(summary.Provenance);
    }
}
