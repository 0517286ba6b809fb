using System.Text;
using Search.Indexer.Readers;
using Search.Indexer.Readers.Uspto;
using Search.Indexer.Records;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Readers.Uspto;

/// <summary>Reads the real USPTO samples under TestData/uspto-xml and builds variants of their documents.</summary>
internal static class UsptoSamples
{
    public static string PathOf(string file) => TestFiles.File("uspto-xml", file);

    public static List<ReadResult> Read(string file)
    {
        using var stream = File.OpenRead(PathOf(file));
        return new UsptoXmlReader().Read(stream, file).ToList();
    }

    public static List<ReadResult> ReadText(string text, string name = "sample.xml") => ReadBytes(Encoding.UTF8.GetBytes(text), name);

    public static List<ReadResult> ReadBytes(byte[] bytes, string name = "sample.xml")
    {
        using var stream = new MemoryStream(bytes);
        return new UsptoXmlReader().Read(stream, name).ToList();
    }

    public static PatentRecord Record(string file, string id) =>
        Read(file).Select(r => r.Record).Single(r => r?.Id == id)!;

    /// <summary>The documents of a real file as text, each starting at its &lt;?xml declaration.</summary>
    public static List<string> Documents(string file)
    {
        var text = File.ReadAllText(PathOf(file));
        var parts = text.Split("<?xml ", StringSplitOptions.RemoveEmptyEntries);
        return parts.Select(p => "<?xml " + p).ToList();
    }

    public static List<PatentRecord> Records(this IEnumerable<ReadResult> results) => results.Where(r => r.Record is not null).Select(r => r.Record!).ToList();

    public static List<RecordRejection> Rejections(this IEnumerable<ReadResult> results) => results.Where(r => r.Rejection is not null).Select(r => r.Rejection!).ToList();
}
