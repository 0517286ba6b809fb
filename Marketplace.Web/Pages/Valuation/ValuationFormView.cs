namespace Marketplace.Web.Pages.Valuation;

/// <summary>What the shared form partial shows: the inputs, whether they may be changed, the royalty rate's source and the statute's cap.</summary>
public sealed record ValuationFormView(ValuationInput Input, bool Editable, string? RoyaltyHint, decimal StatutoryYearsLeft);
