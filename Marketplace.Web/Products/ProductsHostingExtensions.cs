namespace Marketplace.Web.Products;

public static class ProductsHostingExtensions
{
    /// <summary>Patent-intensive products (专利密集型产品): records, review, the patent page's list, dashboard figures, export.</summary>
    public static IHostApplicationBuilder AddProducts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ProductService>();
        return builder;
    }
}
