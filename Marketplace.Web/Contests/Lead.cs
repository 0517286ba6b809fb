namespace Marketplace.Web.Contests;

/// <summary>An observer's interest as a lead for brokering.</summary>
public sealed record Lead(string Contest, string Entry, string Organization, string Patents, string Observer, string ObserverEmail, string Tags, string Note, DateTime At);
