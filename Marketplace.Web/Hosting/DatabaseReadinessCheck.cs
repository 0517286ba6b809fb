using Marketplace.Web.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Web.Hosting;

/// <summary>Ready only when the database answers (/readyz, used by the compose and Kubernetes probes).</summary>
public sealed class DatabaseReadinessCheck(MarketplaceDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{db.Database.ProviderName} database answers")
                : HealthCheckResult.Unhealthy($"the {db.Database.ProviderName} database does not answer");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the database does not answer", ex);
        }
    }
}
