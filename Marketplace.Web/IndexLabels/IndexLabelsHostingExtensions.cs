using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Web.IndexLabels;

public static class IndexLabelsHostingExtensions
{
    /// <summary>
    /// Registers a feature's index label; the first call also registers the one writer and the one sync at start, which
    /// every label registered shares.
    /// </summary>
    public static IHostApplicationBuilder AddIndexLabel<TLabel>(this IHostApplicationBuilder builder) where TLabel : class, IIndexLabel
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<IIndexLabel, TLabel>());
        builder.Services.TryAddScoped<IndexLabelWriter>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, IndexLabelSync>());
        return builder;
    }
}
