using System.Diagnostics;
using System.Text;
using Search.Indexer.Readers.ChineseExport;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Readers.ChineseExport;

[Collection(MemoryMeasurement.Name)]
public sealed class LargeExportStreamingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>About 100 MB: the sample's 10 data rows repeated with fresh publication numbers.</summary>
    private string WriteLargeExport(long targetBytes, out int rows)
    {
        var lines = ExportReading.CnExportLines().Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        var path = _temp.File("large.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16);
        writer.Write(lines[0]);
        writer.Write("\r\n");
        rows = 0;
        while (writer.BaseStream.Length < targetBytes)
        {
            var template = lines[1 + rows % 10];
            var fields = template.Split(',');
            // 公开号 (index 7) and 授权公告号 (8) must stay unique: a 9-digit serial keeps them valid CN numbers.
            var kind = fields[7][^1];
            fields[7] = $"CN{300_000_000 + rows}{kind}";
            if (fields[8].Length > 0) fields[8] = fields[7];
            writer.Write(string.Join(',', fields));
            writer.Write("\r\n");
            rows++;
        }
        return path;
    }

    [Fact]
    public void A_100_megabyte_export_streams_with_bounded_memory()
    {
        var path = WriteLargeExport(100L * 1024 * 1024, out var rows);
        var fileLength = new FileInfo(path).Length;
        var reader = new ChineseExportCsvReader();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        var records = 0;
        var rejections = 0;

        using (var stream = File.OpenRead(path))
        {
            foreach (var result in reader.Read(stream, "large.csv"))
            {
                if (result.Record is not null) records++;
                else rejections++;
                if (records % 10_000 == 0)
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        Assert.True(fileLength >= 100L * 1024 * 1024);
        Assert.Equal(0, rejections);
        Assert.Equal(rows, records);
        // Reading the file whole would hold at least its size again as UTF-16 text (about 200 MB).
        Assert.True(peak < 32L * 1024 * 1024, $"live memory grew by {peak / 1024 / 1024} MB while reading a {fileLength / 1024 / 1024} MB file");
    }
}
