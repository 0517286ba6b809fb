using System.Text;
using Search.Indexer.Readers;
using Search.Indexer.Readers.ChineseExport;
using Search.Indexer.Records;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Readers.ChineseExport;

/// <summary>Runs a reader over a file or bytes and splits the results into records and rejections.</summary>
internal static class ExportReading
{
    public sealed record Outcome(List<PatentRecord> Records, List<RecordRejection> Rejections)
    {
        public PatentRecord Single(string id) => Records.Single(r => r.Id == id);
    }

    public static Outcome ReadCsv(string path) => Read(new ChineseExportCsvReader(), File.OpenRead(path), Path.GetFileName(path));

    public static Outcome ReadCsv(byte[] bytes, string name = "test.csv") => Read(new ChineseExportCsvReader(), new MemoryStream(bytes), name);

    public static Outcome ReadCsv(string text, Encoding encoding, string name = "test.csv") => ReadCsv(encoding.GetBytes(text), name);

    public static Outcome ReadExcel(string path) => Read(new ChineseExportExcelReader(), File.OpenRead(path), Path.GetFileName(path));

    public static Outcome Read(IPatentReader reader, Stream stream, string name)
    {
        using (stream)
        {
            var records = new List<PatentRecord>();
            var rejections = new List<RecordRejection>();
            foreach (var r in reader.Read(stream, name))
            {
                if (r.Record is { } record) records.Add(record);
                if (r.Rejection is { } rejection) rejections.Add(rejection);
            }
            return new Outcome(records, rejections);
        }
    }

    public static string CnExportUtf8 => TestFiles.File("cn-export", "cn_export_utf8_bom.csv");
    public static string CnExportGb18030 => TestFiles.File("cn-export", "cn_export_gb18030.csv");

    /// <summary>The UTF-8 sample's lines (BOM removed), CRLF or LF as in the file.</summary>
    public static string[] CnExportLines() => File.ReadAllText(CnExportUtf8, Encoding.UTF8).TrimStart('\uFEFF').Split('\n');
}
