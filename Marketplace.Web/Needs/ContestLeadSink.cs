namespace Marketplace.Web.Needs;

/// <summary>Each observer interest opens (once) a lead in the operators' pipeline.</summary>
internal sealed class ContestLeadSink(DealService deals) : Contests.IObserverInterestSink
{
    public Task InterestTaggedAsync(Contests.ObserverInterest interest, Contests.ContestEntry entry, CancellationToken cancellationToken = default) =>
        deals.LeadFromInterestAsync(interest, entry, cancellationToken);
}
