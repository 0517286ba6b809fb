using Search.Indexer.Loading;
using Search.Indexer.Readers;
using Search.Indexer.Records;

namespace Analytics.Tests.Support;

/// <summary>The real sample patents shipped in samples/, read with the product's own readers.</summary>
public static class Samples
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData");

    public static string TitlesCsv => Path.Combine(Folder, "cn-titles-ipc", "cn_titles_ipc.csv");

    private static readonly Lazy<IReadOnlyList<PatentRecord>> AllRecords = new(() => Read(Folder));
    private static readonly Lazy<IReadOnlyList<PatentRecord>> ExportRecords = new(() => Read(Path.Combine(Folder, "cn-export", "cn_export_utf8_bom.csv")));

    /// <summary>Every sample record (cn-titles-ipc, cn-export, cn-abstracts-cpc, USPTO, EPO). Callers must not change them.</summary>
    public static IReadOnlyList<PatentRecord> All => AllRecords.Value;

    /// <summary>A fresh copy of one record of the Chinese export sample, safe to change.</summary>
    public static PatentRecord Export(string id) => RecordJson.Deserialize(RecordJson.Serialize(ExportRecords.Value.Single(r => r.Id == id)));

    /// <summary>A fresh copy of any sample record.</summary>
    public static PatentRecord Get(string id) => RecordJson.Deserialize(RecordJson.Serialize(All.First(r => r.Id == id)));

    public static IReadOnlyList<PatentRecord> Read(string path)
    {
        var list = new List<PatentRecord>();
        foreach (var file in PatentLoader.ExpandPaths([path]))
        {
            var detection = DefaultReaders.Catalog.Detect(file.FullName);
            if (detection.Reader is null) continue;
            using var stream = file.OpenRead();
            foreach (var r in detection.Reader.Create().Read(stream, file.Name))
                if (r.Record is { } record) list.Add(record);
        }
        return list;
    }
}

/// <summary>A clock stopped at one instant, so year-based rules give the same answer every day.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly FixedClock At2026 = new(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}

public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "analytics-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
