namespace Marketplace.Web.Needs;

/// <summary>Each observer interest opens (once) a lead in the operators' pipeline.</summary>
internal sealed class ContestLeadSink(ContestLeads leads) : Contests.IObserverInterestSink
{
    public Task InterestTaggedAsync(Contests.ObserverInterest interest, Contests.ContestEntry entry, CancellationToken cancellationToken = default) =>
        leads.LeadFromInterestAsync(interest, entry, cancellationToken);
}
