using Marketplace.Web.Hosting;

namespace Marketplace.Web.Needs;

/// <summary>The saved-need re-match as part of the daily run.</summary>
internal sealed class NeedAlertJob(NeedService needs) : IDailyJob
{
    public Task RunAsync(CancellationToken cancellationToken = default) => needs.RunAlertsAsync(cancellationToken);
}

/// <summary>Field alerts for universities whose portfolios were claimed after a need was posted (the daily sweep).</summary>
internal sealed class NeedFieldAlertJob(NeedFeedService feed) : IDailyJob
{
    public Task RunAsync(CancellationToken cancellationToken = default) => feed.RunFieldAlertsAsync(cancellationToken);
}

/// <summary>Leads for observer interests that have none yet (e.g. tagged before this feature).</summary>
internal sealed class ContestLeadJob(ContestLeads leads) : IDailyJob
{
    public Task RunAsync(CancellationToken cancellationToken = default) => leads.LeadsFromInterestsAsync(cancellationToken);
}
