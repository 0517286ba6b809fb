namespace Marketplace.Web.Needs;

/// <summary>Where signed contracts of agreed deals are kept (outside the web root) and how large they may be.</summary>
public sealed class DealOptions
{
    public const string Section = "Deals";

    [System.ComponentModel.DataAnnotations.Required]
    public string ContractsPath { get; set; } = Path.Combine(Search.Indexer.DataFolders.Root, "deal-contracts");

    [System.ComponentModel.DataAnnotations.Range(1024, 100 * 1024 * 1024)]
    public long MaxContractBytes { get; set; } = 10 * 1024 * 1024;
}
