using System.Text;
using Search.Indexer.Readers;
using Search.Indexer.Readers.Docdb;
using Search.Indexer.Records;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Readers.Docdb;

/// <summary>Reads the real OPS samples under TestData/epo-ops-xml, or XML made from them.</summary>
internal static class DocdbTestFiles
{
    public const string Folder = "epo-ops-xml";

    public static string PathOf(string name) => TestFiles.File(Folder, name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static List<ReadResult> Read(string name)
    {
        using var stream = File.OpenRead(PathOf(name));
        return new DocdbXmlReader().Read(stream, name).ToList();
    }

    public static List<ReadResult> ReadXml(string xml, string name = "test.xml") => ReadBytes(Encoding.UTF8.GetBytes(xml), name);

    public static List<ReadResult> ReadBytes(byte[] bytes, string name = "test.xml")
    {
        using var stream = new MemoryStream(bytes);
        return new DocdbXmlReader().Read(stream, name).ToList();
    }

    public static PatentRecord Single(string name) => Assert.Single(Read(name)).Record!;

    public static List<PatentRecord> Records(this IEnumerable<ReadResult> results) => results.Where(r => r.Record is not null).Select(r => r.Record!).ToList();

    public static List<RecordRejection> Rejections(this IEnumerable<ReadResult> results) => results.Where(r => r.Rejection is not null).Select(r => r.Rejection!).ToList();
}
