using System.Text;
using Search.Indexer.Readers.ChineseExport;
using Search.Indexer.Records;

namespace Search.Indexer.Tests.Readers.ChineseExport;

/// <summary>Broken rows and broken files: reading goes on, and every rejection says where and why.</summary>
public class ChineseExportBadInputTests
{
    static ChineseExportBadInputTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly UTF8Encoding Utf8Bom = new(true);

    /// <summary>The real sample's lines with <paramref name="change"/> applied to the data line of 序号 <paramref name="row"/>.</summary>
    private static string Sample(int row, Func<string, string> change)
    {
        var lines = ExportReading.CnExportLines();
        lines[row] = change(lines[row]);
        return string.Join('\n', lines);
    }

    private static string ReplaceFirst(string s, string find, string replacement)
    {
        var at = s.IndexOf(find, StringComparison.Ordinal);
        return s[..at] + replacement + s[(at + find.Length)..];
    }

    private static string[] Fields(string line) => line.TrimEnd('\r').Split(',');

    [Fact]
    public void A_row_with_an_extra_field_is_rejected_and_the_rows_around_it_load()
    {
        // An unquoted comma in the title of 序号 5 (line 6) splits it into two fields.
        var text = Sample(5, l => ReplaceFirst(l, "无人机空气污染物溯源系统", "无人机空气污染物,溯源系统"));

        var outcome = ExportReading.ReadCsv(text, Utf8Bom);

        Assert.Equal(9, outcome.Records.Count);
        Assert.Contains(outcome.Records, r => r.Id == "CN218824140U"); // line 5, before
        Assert.Contains(outcome.Records, r => r.Id == "CN215590999U"); // line 7, after
        var rejection = Assert.Single(outcome.Rejections);
        Assert.Equal(6, rejection.Line);
        Assert.Equal("found 62 fields, expected 61 as in the header; a delimiter or quote in this row is probably broken", rejection.Reason);
        Assert.Equal(ReplaceFirst(ExportReading.CnExportLines()[5].TrimEnd('\r'), "污染物溯源", "污染物,溯源"), rejection.Raw);
        Assert.Equal(ExportReading.CnExportLines()[0].TrimEnd('\r'), rejection.Header);
        Assert.Equal("test.csv", rejection.SourceFile);
        Assert.Equal("cn-export-csv", rejection.Format);
    }

    [Fact]
    public void An_unclosed_quote_rejects_its_own_line_and_the_lines_it_swallowed_still_load()
    {
        // A quote opened in the title of 序号 4 (line 5) is never closed: the parser runs on to the
        // next quote, in row 10's 非专利引证. Lines 6-11 must still load on their own.
        var text = Sample(4, l => ReplaceFirst(l, "大气质量监测系统", "\"大气质量监测系统"));

        var outcome = ExportReading.ReadCsv(text, Utf8Bom);

        Assert.Equal(9, outcome.Records.Count);
        Assert.Equal(["CN218751475U", "CN216774847U", "CN217546176U", "CN216160555U", "CN215590999U", "CN215361852U", "CN116245100A", "CN116595400A", "CN115883397A"],
            outcome.Records.Select(r => r.Id));
        Assert.Equal(11, outcome.Single("CN115883397A").Provenance.Single().Line);
        var rejection = Assert.Single(outcome.Rejections);
        Assert.Equal(5, rejection.Line);
        Assert.StartsWith("4,20210715,20230407,", rejection.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', rejection.Raw);
        Assert.Contains("expected 61", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unparseable_date_rejects_the_row_naming_the_column_and_the_value()
    {
        var text = Sample(2, l => l.Replace("20211130", "2021-11-31", StringComparison.Ordinal));

        var outcome = ExportReading.ReadCsv(text, Utf8Bom);

        Assert.Equal(9, outcome.Records.Count);
        var rejection = Assert.Single(outcome.Rejections);
        Assert.Equal(3, rejection.Line);
        Assert.Equal("申请日", rejection.Field);
        Assert.Equal("'2021-11-31' is not a date (expected YYYYMMDD, YYYY-MM-DD, YYYY.MM.DD or YYYY/M/D)", rejection.Reason);
        Assert.Equal("test.csv:3: 申请日: '2021-11-31' is not a date (expected YYYYMMDD, YYYY-MM-DD, YYYY.MM.DD or YYYY/M/D)", rejection.ToString());
    }

    [Fact]
    public void A_publication_number_that_does_not_parse_rejects_the_row_with_the_parsers_message()
    {
        var text = Sample(7, l => l.Replace(",CN215361852U,CN215361852U,", ",CN-21536#1852U,CN215361852U,", StringComparison.Ordinal));

        var outcome = ExportReading.ReadCsv(text, Utf8Bom);

        Assert.Equal(9, outcome.Records.Count);
        var rejection = Assert.Single(outcome.Rejections);
        Assert.Equal(8, rejection.Line);
        Assert.Equal("公开号", rejection.Field);
        Assert.Equal("'CN-21536#1852U' is not a patent number (expected country code, digits and an optional kind code, e.g. CN218751475U, US7123456B2, EP2906782A2)", rejection.Reason);
    }

    [Fact]
    public void A_missing_publication_number_falls_back_to_the_grant_number_then_the_application_number()
    {
        var lines = ExportReading.CnExportLines();
        var grantOnly = Fields(lines[1]);
        grantOnly[7] = "";
        var neither = Fields(lines[8]);
        neither[7] = "";
        lines[1] = string.Join(',', grantOnly);
        lines[8] = string.Join(',', neither); // 序号 8 is a pending application without 授权公告号

        var outcome = ExportReading.ReadCsv(string.Join('\n', lines), Utf8Bom);

        Assert.Equal(10, outcome.Records.Count);
        Assert.Empty(outcome.Rejections);
        Assert.Contains(outcome.Records, r => r.Id == "CN218751475U");
        var byApplication = Assert.Single(outcome.Records, r => r.KeyedByApplication);
        Assert.Equal(9, byApplication.Provenance.Single().Line);
        Assert.Equal(byApplication.ApplicationNumber!.Key, byApplication.Id);
    }

    [Fact]
    public void One_bad_ipc_code_is_dropped_with_a_warning_and_the_record_kept()
    {
        var text = Sample(2, l => l.Replace("H04N5/225;H04N5/232;", "H04N5/225;H04NX/232;", StringComparison.Ordinal));

        var outcome = ExportReading.ReadCsv(text, Utf8Bom);

        Assert.Empty(outcome.Rejections);
        var r = outcome.Single("CN216774847U");
        Assert.Equal(["H04N5/225", "H04N5/76", "H02J7/00"], r.IpcCodes);
        Assert.Equal("H04N5/225;H04NX/232;H04N5/76;H02J7/00", r.Extra["分类号"]);
        Assert.Equal("分类号: 'H04NX/232' is not an IPC/CPC symbol (expected e.g. H01L21/02, H01L 21/02 or H01L0021020000)", r.Extra[ChineseExportRowMapper.WarningsKey]);
    }

    [Fact]
    public void A_count_that_is_not_a_number_is_dropped_with_a_warning()
    {
        var text = Sample(1, l => l.Replace(",0,,0,0,0,,,0,", ",0,,两次,0,0,,,0,", StringComparison.Ordinal));

        var r = ExportReading.ReadCsv(text, Utf8Bom).Single("CN218751475U");

        Assert.Null(r.Counts.Transfers);
        Assert.Equal(0, r.Counts.Licenses);
        Assert.Equal("两次", r.Extra["专利转移次数"]);
        Assert.Contains("专利转移次数: '两次' is not a count", r.Extra[ChineseExportRowMapper.WarningsKey], StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_bytes_invalid_in_the_files_encoding_is_rejected_not_kept_with_replacement_characters()
    {
        var bytes = File.ReadAllBytes(ExportReading.CnExportUtf8);
        var title = Encoding.UTF8.GetBytes("大气质量监测系统");
        var at = bytes.AsSpan().IndexOf(title);
        bytes[at + 3] = 0xFF; // inside 气: 0xFF never occurs in UTF-8

        var outcome = ExportReading.ReadCsv(bytes);

        Assert.Equal(9, outcome.Records.Count);
        var rejection = Assert.Single(outcome.Rejections);
        Assert.Equal(5, rejection.Line);
        Assert.Equal("专利名称", rejection.Field);
        Assert.StartsWith("bytes that are not valid UTF-8 (the encoding chosen for this file)", rejection.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(outcome.Records, r => r.Titles.Any(t => t.Text.Contains('\uFFFD', StringComparison.Ordinal)));
    }

    public static TheoryData<string> UnmarkedEncodings => new() { "utf-16LE", "utf-16BE", "gb18030" };

    [Theory]
    [MemberData(nameof(UnmarkedEncodings))]
    public void The_sample_without_a_byte_order_mark_is_decoded_by_content(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var text = File.ReadAllText(ExportReading.CnExportUtf8, Encoding.UTF8).TrimStart('\uFEFF');

        var outcome = ExportReading.ReadCsv(encoding.GetBytes(text), "sample." + encodingName);

        Assert.Empty(outcome.Rejections);
        Assert.Equal(10, outcome.Records.Count);
        Assert.Equal("一种无人机机载多功能盒", outcome.Records[0].Title("zh"));
        Assert.Equal("中科大数据研究院", outcome.Records[0].Applicants[0].Name);
    }

    [Fact]
    public void A_utf16_file_with_a_byte_order_mark_is_read()
    {
        var text = File.ReadAllText(ExportReading.CnExportUtf8, Encoding.UTF8).TrimStart('\uFEFF');

        var outcome = ExportReading.ReadCsv(text, new UnicodeEncoding(false, true));

        Assert.Empty(outcome.Rejections);
        Assert.Equal(10, outcome.Records.Count);
    }

    [Fact]
    public void A_big5_export_with_traditional_headers_is_read()
    {
        // A Taiwan-style export: traditional characters in the header and the data, Big5 without a mark.
        const string text = "公開號,申請號,專利名稱,申請人,申請日,公開日,專利類型\r\n"
                          + "CN217546176U,CN202121635235.X,無人機巡檢系統,中科大數據研究院,20210715,20221004,實用新型\r\n";

        var outcome = ExportReading.ReadCsv(Encoding.GetEncoding("big5").GetBytes(text), "tw.csv");

        Assert.Empty(outcome.Rejections);
        var r = Assert.Single(outcome.Records);
        Assert.Equal("CN217546176U", r.Id);
        Assert.Equal("無人機巡檢系統", r.Title("zh"));
        Assert.Equal("中科大數據研究院", r.Applicants.Single().Name);
        Assert.Equal(new DateOnly(2021, 7, 15), r.ApplicationDate);
        Assert.Equal(DocumentType.UtilityModel, r.DocumentType);
    }

    public static TheoryData<string, char> Delimiters => new() { { "tab", '\t' }, { "semicolon", ';' } };

    [Theory]
    [MemberData(nameof(Delimiters))]
    public void Tab_and_semicolon_delimited_exports_are_read(string name, char delimiter)
    {
        var text = $"公开号{delimiter}专利名称{delimiter}申请日{delimiter}分类号\n"
                 + $"CN218751475U{delimiter}一种无人机机载多功能盒{delimiter}20221202{delimiter}\"B64U20/80;B64U101/30\"\n";

        var r = Assert.Single(ExportReading.ReadCsv(text, Encoding.UTF8, name + ".csv").Records);

        Assert.Equal("一种无人机机载多功能盒", r.Title("zh"));
        Assert.Equal(["B64U20/80", "B64U101/30"], r.IpcCodes);
    }

    [Fact]
    public void A_title_line_above_the_header_is_skipped_and_lines_stay_physical()
    {
        var text = "专利检索结果,共10条\n\n" + File.ReadAllText(ExportReading.CnExportUtf8, Encoding.UTF8).TrimStart('\uFEFF');

        var outcome = ExportReading.ReadCsv(text, Utf8Bom);

        Assert.Empty(outcome.Rejections);
        Assert.Equal(10, outcome.Records.Count);
        Assert.Equal(4, outcome.Records[0].Provenance.Single().Line);
    }

    [Fact]
    public void Unknown_columns_are_kept_verbatim_in_extra()
    {
        const string text = "公开号,专利名称,技术功效,  备注 ,合享价值度\nCN218751475U,一种无人机机载多功能盒,提高效率; 降低成本,  见附件  ,8\n";

        var r = Assert.Single(ExportReading.ReadCsv(text, Encoding.UTF8).Records);

        Assert.Equal("提高效率; 降低成本", r.Extra["技术功效"]);
        Assert.Equal("  见附件  ", r.Extra["备注"]);
        Assert.Equal("8", r.Extra["合享价值度"]);
        Assert.Equal(3, r.Extra.Count);
    }

    [Fact]
    public void An_empty_file_is_one_rejection()
    {
        var outcome = ExportReading.ReadCsv([], "empty.csv");

        Assert.Empty(outcome.Records);
        var rejection = Assert.Single(outcome.Rejections);
        Assert.Equal("empty.csv", rejection.SourceFile);
        Assert.Null(rejection.Line);
        Assert.Equal("empty file", rejection.Reason);
    }

    [Fact]
    public void A_file_with_only_a_byte_order_mark_is_empty()
    {
        Assert.Equal("empty file", Assert.Single(ExportReading.ReadCsv([0xEF, 0xBB, 0xBF]).Rejections).Reason);
    }

    [Fact]
    public void A_binary_file_is_one_rejection()
    {
        var bytes = new byte[20_000];
        new Random(7).NextBytes(bytes);

        var outcome = ExportReading.ReadCsv(bytes, "photo.jpg");

        Assert.Empty(outcome.Records);
        Assert.StartsWith("binary file", Assert.Single(outcome.Rejections).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_known_header_is_one_rejection()
    {
        var outcome = ExportReading.ReadCsv("name,age\nzhang,30\n", Encoding.UTF8);

        Assert.Empty(outcome.Records);
        Assert.Equal("no known column found in the first 20 lines; expected a header row with e.g. 公开号/申请号/publication_number", Assert.Single(outcome.Rejections).Reason);
    }

    [Fact]
    public void A_header_with_only_an_application_number_keys_records_by_it()
    {
        var outcome = ExportReading.ReadCsv("申请号,专利名称\nCN202223220665.2,一种无人机机载多功能盒\n", Encoding.UTF8);

        Assert.Empty(outcome.Rejections);
        var record = Assert.Single(outcome.Records);
        Assert.Equal("CN202223220665", record.Id);
        Assert.True(record.KeyedByApplication);
        Assert.Equal('2', record.ApplicationNumber!.CheckDigit);
    }

    [Fact]
    public void A_row_with_neither_publication_nor_application_number_is_rejected()
    {
        var outcome = ExportReading.ReadCsv("申请号,专利名称\n,一种无人机机载多功能盒\n", Encoding.UTF8);

        Assert.Empty(outcome.Records);
        Assert.Equal("no publication or application number: column '申请号' is empty", Assert.Single(outcome.Rejections).Reason);
    }

    [Fact]
    public void An_excel_workbook_handed_to_the_csv_reader_is_one_rejection()
    {
        byte[] bytes = [.. "PK\u0003\u0004"u8, .. new byte[26], .. "[Content_Types].xml"u8];

        Assert.Contains("Excel workbook", Assert.Single(ExportReading.ReadCsv(bytes, "x.csv").Rejections).Reason, StringComparison.Ordinal);
    }
}
