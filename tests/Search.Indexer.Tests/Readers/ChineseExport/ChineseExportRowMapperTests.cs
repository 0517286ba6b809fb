using System.Text;
using Search.Indexer.Records;

namespace Search.Indexer.Tests.Readers.ChineseExport;

/// <summary>Columns the real sample leaves empty: priorities, family, events, CPC, lapse, counts.</summary>
public class ChineseExportRowMapperTests
{
    private static PatentRecord ReadOne(string header, string row) =>
        Assert.Single(ExportReading.ReadCsv(header + "\n" + row + "\n", Encoding.UTF8).Records);

    [Fact]
    public void Family_priorities_events_cpc_and_counts_are_mapped()
    {
        var r = ReadOne(
            "公开（公告）号,申请号,优先权号,优先权日,同族专利,简单同族数量,法律事件,CPC主分类号,CPC分类号,失效日期,被引证次数,专利转移次数,许可次数,质押次数,国省代码,申请（专利权）人,申请人类型",
            "CN115883397B,CN202211359874.7,CN202211359874.7,20221102,\"CN115883397A; CN115883397B; WO2024098765A1\",3,"
            + "\"2023-03-31 公开; 2023-04-18 实质审查的生效; 2024-04-05 授权\",H04L43/02,\"H04L43/02;H04L 9/40\",20250101,4,1,2,0,福建(35),\"泉州大学;某某科技有限公司\",大专院校;企业");

        Assert.Equal(PublicationStage.Grant, r.Stage);
        Assert.Equal(DocumentType.Invention, r.DocumentType);
        Assert.Equal([new PriorityClaim("CN", "202211359874.7", new DateOnly(2022, 11, 2))], r.Priorities);
        Assert.Equal(["CN115883397A", "WO2024098765A1"], r.FamilyMembers);
        Assert.Equal(3, r.Counts.FamilySize);
        Assert.Equal(
            [new LegalEvent(new DateOnly(2023, 3, 31), "公开", null), new LegalEvent(new DateOnly(2023, 4, 18), "实质审查的生效", null), new LegalEvent(new DateOnly(2024, 4, 5), "授权", null)],
            r.LegalEvents);
        Assert.Equal(["H04L43/02", "H04L9/40"], r.CpcCodes);
        Assert.Equal(new DateOnly(2025, 1, 1), r.LapseDate);
        Assert.Equal(4, r.Counts.CitedBy);
        Assert.Equal(1, r.Counts.Transfers);
        Assert.Equal(2, r.Counts.Licenses);
        Assert.Equal(0, r.Counts.Pledges);
        Assert.Equal("35", r.RegionCode);
        Assert.Equal(PartyType.University, r.Applicants[0].Type);
        Assert.Equal(PartyType.Enterprise, r.Applicants[1].Type);
        Assert.False(r.Applicants[1].TypeInferred);
    }

    [Fact]
    public void An_event_list_in_another_style_is_kept_verbatim()
    {
        var r = ReadOne("公开号,法律事件", "CN218751475U,授权（见公报）");

        Assert.Empty(r.LegalEvents);
        Assert.Equal("授权（见公报）", r.Extra["法律事件"]);
    }

    [Fact]
    public void A_patent_type_that_contradicts_the_kind_code_keeps_the_kind_code_and_warns()
    {
        var r = ReadOne("公开号,专利类型", "CN218751475U,发明公开");

        Assert.Equal(DocumentType.UtilityModel, r.DocumentType);
        Assert.Equal("发明公开", r.Extra["专利类型"]);
        Assert.Contains("kind code U says UtilityModel", r.Extra["_warnings"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_current_owner_that_differs_from_the_applicant_is_kept_in_extra()
    {
        var r = ReadOne("公开号,申请人,当前权利人", "CN218751475U,中科大数据研究院,泉州某某科技有限公司");

        Assert.Equal("中科大数据研究院", r.Applicants.Single().Name);
        Assert.Equal("泉州某某科技有限公司", r.Extra["当前权利人"]);
    }

    [Fact]
    public void The_current_owner_fills_in_when_the_applicant_column_is_empty()
    {
        var r = ReadOne("公开号,申请人,当前权利人", "CN218751475U,,泉州某某科技有限公司");

        Assert.Equal("泉州某某科技有限公司", r.Applicants.Single().Name);
        Assert.Equal(PartyType.Enterprise, r.Applicants.Single().Type);
    }
}
