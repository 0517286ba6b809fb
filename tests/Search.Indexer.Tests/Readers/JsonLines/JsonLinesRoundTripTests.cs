using System.Text;
using Search.Indexer.Readers.JsonLines;
using Search.Indexer.Records;
using Search.Indexer.Tests.Readers.Docdb;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Readers.JsonLines;

/// <summary>Writing records as JSON Lines and reading them back loses nothing.</summary>
public class JsonLinesRoundTripTests
{
    /// <summary>Row 1 of tests/TestData/cn-export written out by hand, with every field of the record set.</summary>
    internal static PatentRecord ChineseUtilityModel() => new()
    {
        PublicationNumber = new PatentNumber("CN", "218751475", "U"),
        ApplicationNumber = new PatentNumber("CN", "202223220665", null, '2'),
        OtherPublicationNumbers = [new PatentNumber("CN", "218751475", "U")],
        DocumentType = DocumentType.UtilityModel,
        Stage = PublicationStage.Grant,
        Titles = [new("zh", "一种无人机机载多功能盒")],
        Abstracts = [new("zh", "为解决目前无人机在实际的使用过程中不能进行方便快捷的实现飞行路线调整，不能对飞行时的数据进行实时处理")],
        FirstClaims = [new("zh", "1.一种无人机机载多功能盒，其特征在于，包括内盒（1），外盒（2）和内部电路")],
        Applicants = [new Party { Name = "中科大数据研究院", Address = "450000河南省郑州市郑东新区中道东路6号创意岛大厦8层", Country = "CN", Type = PartyType.ResearchInstitute, TypeInferred = false }],
        Inventors = [new Party { Name = "刘迪", Type = PartyType.Individual, TypeInferred = true }, new Party { Name = "王元卓", Type = PartyType.Individual }],
        Agency = "郑州明华专利代理事务所（普通合伙）",
        IpcCodes = ["B64U20/80", "B64U101/30"],
        CpcCodes = ["B64U2101/30"],
        ApplicationDate = new DateOnly(2022, 12, 2),
        PublicationDate = new DateOnly(2023, 3, 28),
        GrantDate = new DateOnly(2023, 3, 28),
        LapseDate = new DateOnly(2032, 12, 1),
        Priorities = [new("CN", "202210001111", null), new("CN", "202210002222", new DateOnly(2022, 1, 2))],
        FamilyId = "85602911",
        FamilyMembers = ["CN115000000A"],
        LegalStatus = LegalStatus.InForce,
        LegalStatusText = "有权-审定授权",
        LegalEvents = [new(new DateOnly(2023, 3, 28), "授权", "授权公告"), new(null, "C14", null)],
        RegionCode = "41",
        CitedDocuments = ["CN113000000A"],
        Counts = new PatentCounts { Citations = 0, CitedBy = 3, FamilySize = 1, Transfers = 0, Licenses = 1, Pledges = 0 },
        Extra = new(StringComparer.Ordinal) { ["专利代理人"] = "袁艳丽", ["B"] = "line one\nline two \"quoted\"\u2028", ["a"] = "" },
        Provenance = [new("cn_export_utf8_bom.csv", "cn-export", Line: 2), new("x.xml", "docdb-xml", 4, 1)],
    };

    internal static PatentRecord SparseChineseApplication() => new()
    {
        PublicationNumber = new PatentNumber("CN", "104968889", "A"),
        Titles = [new("zh", "用于回接/重叠处理的姿态参考")],
    };

    private static List<PatentRecord> RecordsFromEveryDocdbSample() =>
        TestFiles.In(DocdbTestFiles.Folder, "*.xml")
            .SelectMany(f => DocdbTestFiles.Read(Path.GetFileName(f)).Records())
            .ToList();

    [Fact]
    public void WriteThenRead_docdb_and_Chinese_records_gives_identical_records()
    {
        var records = RecordsFromEveryDocdbSample();
        records.Add(ChineseUtilityModel());
        records.Add(SparseChineseApplication());
        var before = records.Select(RecordJson.Serialize).ToList();

        using var stream = new MemoryStream();
        using (var writer = new JsonLinesWriter(stream, leaveOpen: true))
            writer.WriteAll(records);
        stream.Position = 0;
        var results = new JsonLinesReader().Read(stream, "export.jsonl").ToList();

        Assert.All(results, r => Assert.Null(r.Rejection));
        Assert.Equal(before, results.Select(r => RecordJson.Serialize(r.Record!)));
        Assert.Equal(31 + 2, records.Count); // 17 biblio, 11 family members, 1 legal, 2 claims; 2 Chinese
    }

    [Fact]
    public void Read_keeps_the_stored_provenance_and_adds_no_jsonl_entry()
    {
        var record = ChineseUtilityModel();
        using var stream = new MemoryStream();
        using (var writer = new JsonLinesWriter(stream, leaveOpen: true))
            writer.Write(record);
        stream.Position = 0;

        var back = Assert.Single(new JsonLinesReader().Read(stream, "export.jsonl")).Record!;

        Assert.Equal(record.Provenance, back.Provenance);
        Assert.Equal(record.Extra.Keys, back.Extra.Keys);
        Assert.Equal(record.ApplicationNumber, back.ApplicationNumber);
        Assert.Equal("CN202223220665.2", back.ApplicationNumber!.ToString());
    }

    [Fact]
    public void Write_to_a_stream_gives_utf_8_without_bom_one_record_per_line()
    {
        using var stream = new MemoryStream();
        using (var writer = new JsonLinesWriter(stream, leaveOpen: true))
        {
            writer.Write(ChineseUtilityModel());
            writer.Write(SparseChineseApplication());
            Assert.Equal(2, writer.Count);
        }

        var bytes = stream.ToArray();
        Assert.Equal((byte)'{', bytes[0]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Equal(2, text.Count(c => c == '\n'));
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.Contains("一种无人机机载多功能盒", text, StringComparison.Ordinal); // readable, not \uXXXX
    }

    [Fact]
    public void Write_to_a_text_writer_writes_the_same_lines_and_leaves_the_writer_open()
    {
        using var text = new StringWriter();
        using (var writer = new JsonLinesWriter(text))
            writer.Write(SparseChineseApplication());

        text.Write("still open");
        Assert.Equal(RecordJson.Serialize(SparseChineseApplication()) + "\nstill open", text.ToString());
    }
}
