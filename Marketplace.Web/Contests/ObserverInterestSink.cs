namespace Marketplace.Web.Contests;

/// <summary>
/// Told after an observer tags (or re-tags) interest in an entry. The needs feature turns each interest into a
/// lead of the operators' brokering pipeline; contests know nothing of deals.
/// </summary>
public interface IObserverInterestSink
{
    Task InterestTaggedAsync(ObserverInterest interest, ContestEntry entry, CancellationToken cancellationToken = default);
}
