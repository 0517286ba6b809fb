using Analytics.Uploads;
using Search.Indexer.Normalization;

namespace Analytics.Evaluation;

/// <summary>One row of an evaluation file: a publication's title and its gold IPC subclasses, the first being the main one.</summary>
public sealed record TitledPatent(string PublicationNumber, string Title, IReadOnlyList<string> IpcSubclasses, long Line);

/// <summary>What reading an evaluation file gave: usable rows, and the rows refused with their line and reason.</summary>
public sealed record TitleIpcFile(IReadOnlyList<TitledPatent> Rows, IReadOnlyList<string> Rejected)
{
    public static readonly string[] Columns = ["publication_number", "title", "ipc_subclasses"];

    /// <summary>
    /// Reads a CSV in the layout of <c>samples/cn-titles-ipc/cn_titles_ipc.csv</c>: publication_number,
    /// title, ipc_subclasses ('|'-separated, main first). A missing column stops with a message; a row
    /// without a title or without a valid subclass is refused with its line number.
    /// </summary>
    public static TitleIpcFile Read(string path)
    {
        var rows = new List<TitledPatent>();
        var rejected = new List<string>();
        var first = true;
        foreach (var row in TabularFile.Read(path))
        {
            if (first)
            {
                foreach (var c in Columns) TabularFile.Require(row, path, [c]);
                first = false;
            }
            var title = row.Get(["title"]) ?? "";
            var raw = row.Get(["ipc_subclasses"]) ?? "";
            var subclasses = new List<string>();
            foreach (var part in raw.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (Classification.TryNormalize(part, out var code, out _) && Classification.Subclass(code) is { } sc && !subclasses.Contains(sc))
                    subclasses.Add(sc);
            if (title.Length == 0) rejected.Add($"{path}:{row.Line}: no title");
            else if (subclasses.Count == 0) rejected.Add($"{path}:{row.Line}: no valid IPC subclass in '{raw}'");
            else rows.Add(new TitledPatent(row.Get(["publication_number"]) ?? "", title, subclasses, row.Line));
        }
        if (first) throw new InvalidDataException($"{path}: no data rows; expected a header {string.Join(",", Columns)} and rows.");
        return new TitleIpcFile(rows, rejected);
    }
}
