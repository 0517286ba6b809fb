using Search.Indexer.Readers.ChineseExport;
using Search.Indexer.Records;

namespace Search.Indexer.Tests.Readers.ChineseExport;

/// <summary>The real 61-column export (10 patents of 中科大数据研究院), as UTF-8 with BOM and as GB18030.</summary>
public class ChineseExportCsvSampleTests
{
    public static TheoryData<string> Files => new() { ExportReading.CnExportUtf8, ExportReading.CnExportGb18030 };

    [Theory]
    [MemberData(nameof(Files))]
    public void Reading_the_sample_gives_ten_records_and_no_rejections(string path)
    {
        var outcome = ExportReading.ReadCsv(path);

        Assert.Empty(outcome.Rejections);
        Assert.Equal(
            ["CN218751475U", "CN216774847U", "CN217546176U", "CN218824140U", "CN216160555U", "CN215590999U", "CN215361852U", "CN116245100A", "CN116595400A", "CN115883397A"],
            outcome.Records.Select(r => r.Id));
    }

    [Fact]
    public void Both_encodings_give_the_same_records()
    {
        var utf8 = ExportReading.ReadCsv(ExportReading.CnExportUtf8).Records;
        var gb = ExportReading.ReadCsv(ExportReading.CnExportGb18030).Records;

        Assert.Equal(utf8.Count, gb.Count);
        for (var i = 0; i < utf8.Count; i++)
        {
            // Provenance names the file, which differs; everything read from the rows must not.
            utf8[i].Provenance.Clear();
            gb[i].Provenance.Clear();
            Assert.Equal(RecordJson.Serialize(utf8[i]), RecordJson.Serialize(gb[i]));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_utility_model_row_maps_every_field(string path)
    {
        var r = ExportReading.ReadCsv(path).Single("CN218751475U");

        Assert.Equal("CN202223220665.2", r.ApplicationNumber!.ToString());
        Assert.Equal('2', r.ApplicationNumber.CheckDigit);
        Assert.Empty(r.OtherPublicationNumbers);
        Assert.Equal(DocumentType.UtilityModel, r.DocumentType);
        Assert.Equal(PublicationStage.Grant, r.Stage);
        Assert.Equal(new DateOnly(2022, 12, 2), r.ApplicationDate);
        Assert.Equal(new DateOnly(2023, 3, 28), r.PublicationDate);
        Assert.Equal(new DateOnly(2023, 3, 28), r.GrantDate);
        Assert.Null(r.LapseDate); // 失效日期 is 0
        Assert.Equal("一种无人机机载多功能盒", r.Title("zh"));
        Assert.Equal("zh", r.Titles.Single().Language);
        Assert.StartsWith("为解决目前无人机在实际的使用过程中", r.Abstract("zh"));
        Assert.StartsWith("1.一种无人机机载多功能盒，其特征在于", r.FirstClaims.Single().Text);

        var applicant = Assert.Single(r.Applicants);
        Assert.Equal("中科大数据研究院", applicant.Name);
        Assert.Equal("河南省郑州市郑东新区中道东路6号创意岛大厦8层", applicant.Address);
        Assert.Equal(PartyType.ResearchInstitute, applicant.Type);
        Assert.False(applicant.TypeInferred); // from 申请人类型 科研机构
        Assert.Equal("450000", r.Extra[ChineseExportRowMapper.PostcodeKey]);
        Assert.Equal(["刘迪", "刘敏", "王煜伟", "付艳波", "王元卓"], r.Inventors.Select(i => i.Name));
        Assert.All(r.Inventors, i => Assert.Equal(PartyType.Individual, i.Type));
        Assert.Equal("郑州明华专利代理事务所（普通合伙）", r.Agency);

        Assert.Equal(["B64U20/80", "B64U101/30"], r.IpcCodes);
        Assert.Empty(r.CpcCodes);
        Assert.Equal(LegalStatus.InForce, r.LegalStatus);
        Assert.Equal("有权-审定授权", r.LegalStatusText);
        Assert.Equal("41", r.RegionCode);
        Assert.Equal(0, r.Counts.Citations);
        Assert.Equal(0, r.Counts.Transfers);
        Assert.Equal(0, r.Counts.Licenses);
        Assert.Equal(0, r.Counts.Pledges);
        Assert.Null(r.Counts.FamilySize);
        Assert.Empty(r.FamilyMembers);
        Assert.Empty(r.Priorities);

        // Known columns without a record field, and fallback columns equal to the one used, are not duplicated.
        Assert.Equal("1", r.Extra["序号"]);
        Assert.Equal("袁艳丽", r.Extra["专利代理人"]);
        Assert.Equal("查看CN202223220665.2", r.Extra["全文链接"]);
        Assert.False(r.Extra.ContainsKey("授权名称"));
        Assert.False(r.Extra.ContainsKey("第一发明人"));
        Assert.False(r.Extra.ContainsKey(ChineseExportRowMapper.WarningsKey));
        Assert.Equal(new Provenance(Path.GetFileName(path), "cn-export-csv", 2), r.Provenance.Single());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Main_ipc_comes_first_and_codes_are_not_repeated(string path)
    {
        var r = ExportReading.ReadCsv(path).Single("CN217546176U");

        Assert.Equal(["H04N7/18", "G07C1/20", "B64C39/02", "B64D47/08", "B64D1/08", "B64D47/02"], r.IpcCodes);
        Assert.Equal("CN202121635235.X", r.ApplicationNumber!.ToString());
        Assert.Equal("450018", r.Extra[ChineseExportRowMapper.PostcodeKey]);
        Assert.Equal("北京开阳星知识产权代理有限公司", r.Agency);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_pending_application_has_no_grant(string path)
    {
        var r = ExportReading.ReadCsv(path).Single("CN116245100A");

        Assert.Equal(LegalStatus.Pending, r.LegalStatus);
        Assert.Equal("审中-实质审查", r.LegalStatusText);
        Assert.Equal(DocumentType.Invention, r.DocumentType);
        Assert.Equal(PublicationStage.Application, r.Stage);
        Assert.Null(r.GrantDate);
        Assert.Empty(r.OtherPublicationNumbers);
        Assert.Equal(new DateOnly(2023, 6, 9), r.PublicationDate);
        Assert.Equal(["吴琼", "刘武雷", "王元卓", "郭建永", "张旭阳", "樊天佑"], r.Inventors.Select(i => i.Name));
        Assert.Equal("G06F40/289", r.IpcCodes[0]);
        Assert.Equal("20230627", r.Extra["实质审查日"]);
        Assert.Equal("450046", r.Extra[ChineseExportRowMapper.PostcodeKey]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_published_and_later_granted_invention_keeps_its_grant_publication(string path)
    {
        var r = ExportReading.ReadCsv(path).Single("CN115883397A");

        Assert.False(r.Extra.ContainsKey("专利类型")); // "发明公开;发明授权" agrees with kind code A: nothing to warn about
        Assert.Equal(DocumentType.Invention, r.DocumentType);
        Assert.Equal(PublicationStage.Application, r.Stage); // this record is the A publication
        Assert.Equal("CN115883397B", Assert.Single(r.OtherPublicationNumbers).Canonical);
        Assert.Equal(new DateOnly(2023, 3, 31), r.PublicationDate);
        Assert.Equal(new DateOnly(2024, 4, 5), r.GrantDate);
        Assert.Equal(LegalStatus.InForce, r.LegalStatus);
        Assert.Equal(["H04L43/02", "H04L9/40", "H04L67/025"], r.IpcCodes);
        Assert.Equal("邓雪彬", r.Extra["审查员"]);
        Assert.StartsWith("仇韫琦等.面向知识库问答的问句语义解析研究综述", r.Extra["非专利引证"]);
        Assert.Equal(11, r.Provenance.Single().Line);
    }
}
