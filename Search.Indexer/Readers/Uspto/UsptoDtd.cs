using System.Globalization;
using System.Text.RegularExpressions;

namespace Search.Indexer.Readers.Uspto;

/// <summary>
/// Which USPTO DTD a document claims: the root element and its version, from the
/// <c>dtd-version</c> attribute ("v40 2004-12-02", "v4.2 2006-08-23") or, for the pre-2005
/// application format, the DOCTYPE system id (<c>pap-v16-2002-01-01.dtd</c>).
/// </summary>
internal sealed partial record UsptoDtd(string Root, string? Version, int? Major, int? Minor)
{
    public const string Grant = "us-patent-grant";
    public const string Application = "us-patent-application";
    public const string PreGrantPublication = "patent-application-publication";
    /// <summary>Sequence listings shipped in the grant files beside the grant they belong to: not patents.</summary>
    public const string SequenceListing = "sequence-cwu";

    public static readonly string[] PatentRoots = [Grant, Application, PreGrantPublication];

    public const string KnownRange = "v4.0–v4.7";

    [GeneratedRegex(@"^v?(?<major>\d)\.?(?<minor>\d{1,2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"pap-v(?<major>\d)(?<minor>\d)", RegexOptions.CultureInvariant)]
    private static partial Regex PapPattern();

    public bool IsPreGrantPublication => Root == PreGrantPublication;

    /// <summary>True for the versions this reader was written against: v4.0–v4.7, and pap v1.5–v1.6.</summary>
    public bool Known => IsPreGrantPublication
        ? Major is null || (Major == 1 && Minor is 5 or 6)
        : Major == 4 && Minor is >= 0 and <= 7;

    public string Describe() => IsPreGrantPublication
        ? $"{Root} {(Version ?? "(no DTD named)")}"
        : $"{Root} dtd-version {(Version ?? "(none)")}";

    /// <summary>The message for a document of an unknown version that could not be read with the closest known mapping.</summary>
    public RejectionReason NotSupported() =>
        RejectionReasons.UsptoVersionNotSupported.With(Describe(), IsPreGrantPublication ? "pap-v15, pap-v16" : KnownRange);

    public static UsptoDtd From(string root, string? dtdVersionAttribute, string? doctypeSystemId)
    {
        if (root == PreGrantPublication)
        {
            var pap = doctypeSystemId is null ? Match.Empty : PapPattern().Match(doctypeSystemId);
            return pap.Success
                ? new UsptoDtd(root, doctypeSystemId, Int(pap, "major"), Int(pap, "minor"))
                : new UsptoDtd(root, doctypeSystemId, null, null);
        }
        var version = dtdVersionAttribute?.Trim().Split(' ', 2)[0];
        var m = version is null ? Match.Empty : VersionPattern().Match(version);
        return m.Success
            ? new UsptoDtd(root, version, Int(m, "major"), Int(m, "minor"))
            : new UsptoDtd(root, version, null, null);
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);
}
