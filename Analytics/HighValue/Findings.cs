namespace Analytics.HighValue;

/// <summary>
/// The outcome of one rule on one patent. <see cref="Unknown"/> is explicit: a source that does not
/// carry the data (US legal status, pledge amounts nobody uploaded) must not read as "no".
/// </summary>
public enum Finding
{
    NotMet = 0,
    Met,
    Unknown,
}

/// <summary>A rule's outcome and the reason a person can check, as a phrase each reader translates.</summary>
public sealed record RuleFinding(string Rule, Finding Finding, Phrase Explanation)
{
    /// <summary>The reason in English, as the command line prints it.</summary>
    public string Reason => Explanation.ToString();

    public override string ToString() => $"{Rule}: {Finding.ToString().ToLowerInvariant()} — {Reason}";
}

internal static class Findings
{
    /// <summary>Any rule met decides "met"; otherwise any unknown leaves it unknown.</summary>
    public static Finding AnyOf(IEnumerable<Finding> findings)
    {
        var unknown = false;
        foreach (var f in findings)
        {
            if (f == Finding.Met) return Finding.Met;
            unknown |= f == Finding.Unknown;
        }
        return unknown ? Finding.Unknown : Finding.NotMet;
    }

    /// <summary>Every rule met decides "met"; any not met decides "not met"; otherwise unknown.</summary>
    public static Finding AllOf(IEnumerable<Finding> findings)
    {
        var unknown = false;
        foreach (var f in findings)
        {
            if (f == Finding.NotMet) return Finding.NotMet;
            unknown |= f == Finding.Unknown;
        }
        return unknown ? Finding.Unknown : Finding.Met;
    }
}
