namespace Marketplace.Web.Products;

/// <summary>English names of product states and rights (keys of UI strings).</summary>
public static class ProductLabels
{
    public static string Label(ProductStatus status) => status switch
    {
        ProductStatus.Submitted => "Awaiting review",
        ProductStatus.Approved => "Approved",
        _ => "Sent back",
    };

    public static string Label(PatentRight right) => right == PatentRight.Own ? "own right" : "licensed";

    /// <summary>Every label above, for the translation test.</summary>
    public static IEnumerable<string> All => Enum.GetValues<ProductStatus>().Select(Label).Concat(Enum.GetValues<PatentRight>().Select(Label));
}
