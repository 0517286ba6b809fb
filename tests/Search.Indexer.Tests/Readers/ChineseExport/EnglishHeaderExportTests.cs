using System.Text;
using Search.Indexer.Readers.ChineseExport;
using Search.Indexer.Records;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Readers.ChineseExport;

/// <summary>Real CN data sets with English headers (cn-titles-ipc, cn-abstracts-cpc) read by the same reader.</summary>
public class EnglishHeaderExportTests
{
    private static readonly string TitlesIpc = TestFiles.File("cn-titles-ipc", "cn_titles_ipc.csv");

    [Fact]
    public void The_titles_file_gives_one_record_per_row()
    {
        var outcome = ExportReading.ReadCsv(TitlesIpc);

        Assert.Empty(outcome.Rejections);
        Assert.Equal(5876, outcome.Records.Count);
        Assert.Equal(5876, outcome.Records.Select(r => r.Id).Distinct().Count());
        Assert.Equal(333, outcome.Records.Count(r => r.KindCode == "B"));
    }

    [Fact]
    public void Titles_file_rows_keep_their_number_title_and_ipc_subclasses()
    {
        var outcome = ExportReading.ReadCsv(TitlesIpc);

        var first = outcome.Records[0];
        Assert.Equal("CN114081026A", first.Id);
        Assert.Equal(DocumentType.Invention, first.DocumentType);
        Assert.Equal(PublicationStage.Application, first.Stage);
        Assert.Equal("一种水电站高压输电线路驱鸟保护装置", first.Title("zh"));
        Assert.Equal(["A01M", "G06F", "H02G"], first.IpcCodes);
        Assert.Equal(2, first.Provenance.Single().Line);
        Assert.Empty(first.Extra);

        var utility = outcome.Single("CN215667380U");
        Assert.Equal(DocumentType.UtilityModel, utility.DocumentType);
        Assert.Equal(["B60S", "C02F"], utility.IpcCodes);

        var last = outcome.Records[^1];
        Assert.Equal("CN114043737A", last.Id);
        Assert.Equal("一种太阳能板生产用覆膜设备", last.Title("zh"));
        Assert.Equal(["B01D", "B08B", "B29C", "H01L"], last.IpcCodes);
        Assert.Equal(5877, last.Provenance.Single().Line);
    }

    public static TheoryData<string, int> AbstractFiles => new()
    {
        { "sample_train.csv", 19 },
        { "sample_val.csv", 19 },
    };

    [Theory]
    [MemberData(nameof(AbstractFiles))]
    public void Abstract_files_give_one_record_per_patent(string file, int expected)
    {
        var outcome = ExportReading.ReadCsv(TestFiles.File("cn-abstracts-cpc", file));

        Assert.Empty(outcome.Rejections);
        Assert.Equal(expected, outcome.Records.Count);
        Assert.All(outcome.Records, r =>
        {
            Assert.NotNull(r.Title("zh"));
            Assert.NotNull(r.Abstract("zh"));
            Assert.NotEmpty(r.CpcCodes);
            Assert.DoesNotContain("Title:", r.Title("zh"), StringComparison.Ordinal);
            Assert.DoesNotContain("[SEP]", r.Abstract("zh"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_labelled_text_is_split_into_title_keywords_and_abstract()
    {
        var r = ExportReading.ReadCsv(TestFiles.File("cn-abstracts-cpc", "sample_train.csv")).Single("CN117151122A");

        Assert.Equal("一种基于自然语言处理的银行客服会话问答处理方法及系统", r.Title("zh"));
        Assert.StartsWith("本发明涉及人工智能技术领域，尤其是涉及一种基于自然语言处理的银行客服会话问答处理方法及系统。", r.Abstract("zh"));
        Assert.EndsWith("以提高银行客服会话问答处理的及时性和准确性。", r.Abstract("zh"));
        Assert.Equal("data; word; question; text; answer", r.Extra[ChineseExportRowMapper.KeywordsKey]);
        Assert.Equal(["G06F16/3329", "G06F16/35", "G06F40/247", "G06F40/253", "G06F40/284", "G06F40/35"], r.CpcCodes);
        Assert.Empty(r.IpcCodes);
        Assert.Equal("6", r.Extra["n_labels"]);
        Assert.Equal(2, r.Provenance.Single().Line);
    }

    [Fact]
    public void A_sep_separated_text_is_split_too_and_lines_count_the_multi_line_rows_before_it()
    {
        var r = ExportReading.ReadCsv(TestFiles.File("cn-abstracts-cpc", "sample_train.csv")).Single("CN118395868A");

        Assert.Equal("一种耦合机理模型和深度学习的洪水预报模型和方法", r.Title("zh"));
        Assert.StartsWith("本发明涉及洪水预报技术领域", r.Abstract("zh"));
        Assert.Equal("data flood model layer flood forecasting", r.Extra[ChineseExportRowMapper.KeywordsKey]);
        Assert.Equal(["G06F30/27"], r.CpcCodes);
        // Rows 1 and 2 each span three lines (Title/Keywords/Abstract), so the third row starts on line 8.
        Assert.Equal(8, r.Provenance.Single().Line);
    }

    [Fact]
    public void Blank_rows_between_records_are_skipped_not_rejected()
    {
        // SOURCE.txt describes thousands of ",,," rows in the original files; the copies here have none, so add some.
        var original = File.ReadAllText(TestFiles.File("cn-abstracts-cpc", "sample_val.csv"), Encoding.UTF8);
        var lines = original.Split("\r\n");
        var withBlanks = string.Join("\r\n", lines.Take(1).Concat([",,,", ",,,", " , , , "]).Concat(lines.Skip(1)).Append(",,,").Append(",,,"));

        var outcome = ExportReading.ReadCsv(withBlanks, new UTF8Encoding(true), "sample_val_blanks.csv");

        Assert.Empty(outcome.Rejections);
        Assert.Equal(19, outcome.Records.Count);
        Assert.Equal(5, outcome.Records[0].Provenance.Single().Line);
    }

    [Fact]
    public void English_text_in_an_english_export_is_tagged_english()
    {
        const string csv = "publication number,Title,Abstract,Applicant(s),Inventor(s),IPC,Publication Date,Legal Status\n"
                         + "US7123456B2,Widget holder,\"A holder for widgets, with a clip.\",\"Acme, Inc.\",Jane Doe; John Roe,A47G 1/00,2006-10-17,Expired - Fee Related\n";

        var r = Assert.Single(ExportReading.ReadCsv(csv, Encoding.UTF8).Records);

        Assert.Equal("US7123456B2", r.Id);
        Assert.Equal("en", r.Titles.Single().Language);
        Assert.Equal("Widget holder", r.Title("en"));
        Assert.Equal("A holder for widgets, with a clip.", r.Abstract("en"));
        Assert.Equal("Acme, Inc.", r.Applicants.Single().Name);
        Assert.Equal(PartyType.Enterprise, r.Applicants.Single().Type);
        Assert.Equal(["Jane Doe", "John Roe"], r.Inventors.Select(i => i.Name));
        Assert.Equal(["A47G1/00"], r.IpcCodes);
        Assert.Equal(new DateOnly(2006, 10, 17), r.PublicationDate);
        Assert.Equal(LegalStatus.Lapsed, r.LegalStatus);
    }
}
