using Lucene.Net.Store;

namespace Search.Indexer.Bench;

/// <summary>Where the bytes of a Lucene index folder are, by file extension (what each extension holds: <see cref="Meaning"/>).</summary>
public static class IndexFiles
{
    /// <summary>Every file of the folder, as the peers count <c>db_size_mb</c>.</summary>
    public static long TotalBytes(string indexPath) =>
        new DirectoryInfo(indexPath).EnumerateFiles().Sum(f => f.Length);

    /// <summary>
    /// Bytes per extension, compound files (<c>.cfs</c>) opened and counted by the extensions of the files inside them,
    /// so small segments do not hide their parts.
    /// </summary>
    public static SortedDictionary<string, long> BytesByExtension(string indexPath)
    {
        var bytes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        void Add(string name, long length)
        {
            var ext = Path.GetExtension(name);
            if (ext.Length == 0) ext = name.StartsWith("segments", StringComparison.Ordinal) ? "segments" : name;
            bytes[ext] = bytes.GetValueOrDefault(ext) + length;
        }

        using var dir = FSDirectory.Open(indexPath);
        foreach (var name in dir.ListAll())
        {
            if (name.EndsWith(".cfs", StringComparison.Ordinal))
            {
                using var compound = new CompoundFileDirectory(dir, name, IOContext.READ_ONCE, false);
                foreach (var inner in compound.ListAll()) Add(inner, compound.FileLength(inner));
            }
            else if (!name.EndsWith(".cfe", StringComparison.Ordinal))
            {
                Add(name, dir.FileLength(name));
            }
        }
        return bytes;
    }

    /// <summary>What a Lucene 4.6 codec file holds.</summary>
    public static string Meaning(string extension) => extension switch
    {
        ".fdt" or ".fdx" => "stored fields (the record JSON)",
        ".tim" or ".tip" => "term dictionary",
        ".doc" => "postings: which documents",
        ".pos" => "postings: positions",
        ".pay" => "postings: payloads and offsets",
        ".nvd" or ".nvm" => "norms (field lengths for BM25)",
        ".dvd" or ".dvm" => "doc values (summary JSON, facet ordinals, sort keys)",
        ".fnm" or ".si" or "segments" or ".gen" => "segment metadata",
        ".liv" => "deleted documents",
        _ => "",
    };
}
