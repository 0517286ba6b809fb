using Marketplace.Web.Hosting;
using Marketplace.Web.IndexLabels;
using Marketplace.Web.Licensing;
using Marketplace.Web.Valuation;

namespace Marketplace.Web.Transfers;

public static class TransfersHostingExtensions
{
    /// <summary>Transfers (专利转让): listings, negotiation, contract, payment through the licences' gateway and webhook, recordal.</summary>
    public static IHostApplicationBuilder AddTransfers(this IHostApplicationBuilder builder)
    {
        builder.AddIndexLabel<ForSaleLabel>();
        builder.Services.AddScoped<TransferService>();
        builder.Services.AddScoped<ICheckoutPayable, TransferPayments>();
        // Paid transfers are comparables for valuations, beside the licences.
        builder.Services.AddScoped<IComparableTransactions, TransferComparables>();
        builder.Services.AddScoped<IDailyJob, TransferExpiry>();
        return builder;
    }
}
