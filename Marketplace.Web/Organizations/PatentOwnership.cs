using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Marketplace.Web.Organizations;

/// <summary>
/// Whether an organisation owns a patent: asked wherever an organisation acts for a patent (open-licence
/// declarations, contest entries, proposals to needs). The default matches the organisation's name
/// against the record's applicants (patentees); the licensing portfolio replaces it with one that also
/// knows the name variants and the claims an operator approved.
/// </summary>
public interface IPatentOwnership
{
    Task<OwnershipAnswer> CheckAsync(Organization organization, PatentRecord record, CancellationToken cancellationToken = default);
}

/// <param name="Owns">The organisation is among the patent's owners.</param>
/// <param name="Reason">Why, in English (the key of a UI string): which name matched, or that none did.</param>
/// <param name="MatchedName">The applicant name that matched, when one did.</param>
public sealed record OwnershipAnswer(bool Owns, string Reason, string? MatchedName = null)
{
    /// <summary>The values of the reason's placeholders ({0}, {1}…), such as who acquired the patent and when.</summary>
    public IReadOnlyList<object> ReasonArguments { get; init; } = [];

    /// <summary>
    /// Applicants whose rights the organisation took over as a whole (an acquisition on the platform): the index still
    /// names them, but they are no longer co-owners beside the organisation.
    /// </summary>
    public IReadOnlyList<string> SucceededApplicants { get; init; } = [];

    /// <summary>The reason in English with its values, as rule messages quote it (pages localize <see cref="Reason"/> instead).</summary>
    public override string ToString() =>
        ReasonArguments.Count == 0 ? Reason : string.Format(System.Globalization.CultureInfo.InvariantCulture, Reason, [.. ReasonArguments]);
}

/// <summary>The organisation's registered name equals an applicant's, once both are cleaned (half-width, spaces, case).</summary>
public sealed class NameMatchPatentOwnership : IPatentOwnership
{
    public Task<OwnershipAnswer> CheckAsync(Organization organization, PatentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(record);
        var name = Key(organization.Name);
        var match = record.Applicants.FirstOrDefault(a => name is not null && Key(a.Name) == name);
        return Task.FromResult(match is null
            ? new OwnershipAnswer(false, "The organisation is not among the patent's applicants.")
            : new OwnershipAnswer(true, "The organisation's name matches an applicant.", match.Name));
    }

    /// <summary>The comparable form of a name: cleaned, without spaces, lower case.</summary>
    public static string? Key(string? name) =>
        PartyNames.Clean(name)?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
