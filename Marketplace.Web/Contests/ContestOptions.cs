namespace Marketplace.Web.Contests;

public sealed class ContestOptions
{
    public const string Section = "Contests";

    /// <summary>Where entry documents are kept: outside the web root, default <c>$PATENT_DATA_DIR/contest-documents</c>.</summary>
    public string DocumentsPath { get; set; } = Path.Combine(Search.Indexer.DataFolders.Root, "contest-documents");
}
