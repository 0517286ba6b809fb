using System.Text;

namespace Search.Indexer.Bench;

/// <summary>
/// A query file as the peer benchmarks read it (<c>../shared/bench-peers</c>): one query per line, blank lines
/// skipped, every whitespace-separated word required (Java Lucene ANDs one clause per word; FTS5's implicit AND).
/// </summary>
public static class BenchQueries
{
    /// <summary>The non-blank lines of <paramref name="path"/>, trimmed, in file order.</summary>
    public static IReadOnlyList<string> Read(string path)
    {
        var queries = new List<string>();
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
            if (!string.IsNullOrWhiteSpace(line)) queries.Add(line.Trim());
        return queries;
    }

    /// <summary>
    /// The product query that means "every word of the line": each word quoted, so that no word is read as an
    /// operator (<c>OR</c>, <c>-x</c>), a field (<c>a:b</c>), a weight or a patent number, and the quoted words
    /// ANDed. A quoted single word matches exactly as the bare word would: both are analysed the same way.
    /// </summary>
    public static string AllWordsRequired(string line)
    {
        var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(c => c is not ('"' or '“' or '”' or '「' or '」')).ToArray()))
            .Where(w => w.Length > 0);
        return string.Join(' ', words.Select(w => '"' + w + '"'));
    }
}
