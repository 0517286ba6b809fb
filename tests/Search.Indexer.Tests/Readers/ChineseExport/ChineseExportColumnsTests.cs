using Search.Indexer.Readers.ChineseExport;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Readers.ChineseExport;

public class ChineseExportColumnsTests
{
    [Fact]
    public void Every_column_of_the_61_column_sample_is_known()
    {
        var header = ExportReading.CnExportLines()[0].TrimEnd('\r').Split(',');

        Assert.Equal(61, header.Length);
        Assert.DoesNotContain(header, h => ChineseExportColumns.Identify(h).Field == ExportField.Unknown);
    }

    [Theory]
    [InlineData("公开（公告）号", ExportField.PublicationNumber)]
    [InlineData("公开(公告)号", ExportField.PublicationNumber)]
    [InlineData(" 公开 （公告） 号 ", ExportField.PublicationNumber)]
    [InlineData("公开(公告)日", ExportField.PublicationDate)]
    [InlineData("申请号码", ExportField.ApplicationNumber)]
    [InlineData("申請號", ExportField.ApplicationNumber)]
    [InlineData("发明（设计）人", ExportField.Inventors)]
    [InlineData("IPC分类号", ExportField.Ipc)]
    [InlineData("ＩＰＣ分类号", ExportField.Ipc)]
    [InlineData("主分类号", ExportField.IpcMain)]
    [InlineData("申请（专利权）人", ExportField.Applicants)]
    [InlineData("当前申请（专利权）人", ExportField.Applicants)]
    [InlineData("标题", ExportField.Title)]
    [InlineData("摘要", ExportField.Abstract)]
    [InlineData("权利要求", ExportField.FirstClaim)]
    [InlineData("简单法律状态", ExportField.LegalStatus)]
    [InlineData("法律状态/事件", ExportField.LegalStatus)]
    [InlineData("被引证次数", ExportField.CitedBy)]
    [InlineData("同族数量", ExportField.FamilySize)]
    [InlineData("publication_number", ExportField.PublicationNumber)]
    [InlineData("Publication Number", ExportField.PublicationNumber)]
    [InlineData("Applicant(s)", ExportField.Applicants)]
    [InlineData("Inventors", ExportField.Inventors)]
    [InlineData("ipc_subclasses", ExportField.Ipc)]
    [InlineData("labels", ExportField.Cpc)]
    [InlineData("Application Date", ExportField.ApplicationDate)]
    [InlineData("Grant Date", ExportField.GrantDate)]
    [InlineData("Legal Status", ExportField.LegalStatus)]
    [InlineData("\uFEFFpublication_number", ExportField.PublicationNumber)]
    [InlineData("技术功效", ExportField.Unknown)]
    public void Header_variants_map_to_their_field(string header, ExportField expected)
    {
        Assert.Equal(expected, ChineseExportColumns.Identify(header).Field);
    }

    [Fact]
    public void A_current_owner_column_is_a_fallback_behind_the_applicant_column()
    {
        Assert.True(ChineseExportColumns.Identify("当前权利人").Rank > ChineseExportColumns.Identify("申请人").Rank);
        Assert.Equal(ExportField.Applicants, ChineseExportColumns.Identify("当前权利人").Field);
    }

    [Fact]
    public void Looks_like_accepts_the_real_exports_and_refuses_other_text()
    {
        Assert.True(ChineseExportCsvReader.LooksLike(File.ReadAllBytes(ExportReading.CnExportUtf8)));
        Assert.True(ChineseExportCsvReader.LooksLike(File.ReadAllBytes(ExportReading.CnExportGb18030)));
        Assert.True(ChineseExportCsvReader.LooksLike(File.ReadAllBytes(TestFiles.File("cn-titles-ipc", "cn_titles_ipc.csv")).AsSpan(0, 4096)));
        Assert.False(ChineseExportCsvReader.LooksLike("name,age\nzhang,30\n"u8));
        Assert.False(ChineseExportCsvReader.LooksLike("<?xml version=\"1.0\"?><us-patent-grant/>"u8));
    }
}
