using Search.Indexer.Records;

namespace Search.Indexer.Normalization;

/// <summary>
/// Maps legal-status text from Chinese databases (有权-审定授权, 审中-实质审查, 无权-未缴年费终止 …)
/// and English sources (Active, Pending, Expired – Fee Related …) to <see cref="LegalStatus"/>.
/// Where a source lists several statuses (<c>有权-审定授权;无权-…</c>) the first one wins.
/// </summary>
public static class LegalStatusMapper
{
    // Ordered: the more specific phrase first. Glossary: 审中 pending; 有权 in force; 无权 no right;
    // 未缴年费 fees unpaid; 期限届满 term ended; 撤回 withdrawn; 驳回 rejected; 放弃 surrendered;
    // 全部无效 wholly invalidated; 部分无效 partly invalidated (the rest stays in force).
    private static readonly (string Phrase, LegalStatus Status)[] Phrases =
    [
        ("全部无效", LegalStatus.Invalidated),
        ("部分无效", LegalStatus.InForce),
        ("无效", LegalStatus.Invalidated),
        ("未缴年费", LegalStatus.Lapsed),
        ("年费终止", LegalStatus.Lapsed),
        ("期限届满", LegalStatus.Expired),
        ("期满终止", LegalStatus.Expired),
        ("PCT-有效期满", LegalStatus.Withdrawn),
        ("PCT-有效期内", LegalStatus.Pending),
        ("撤回", LegalStatus.Withdrawn),
        ("驳回", LegalStatus.Withdrawn),
        ("放弃", LegalStatus.Withdrawn),
        ("避重授权", LegalStatus.Withdrawn),
        ("终止", LegalStatus.Lapsed),
        ("审中", LegalStatus.Pending),
        ("实质审查", LegalStatus.Pending),
        ("公开", LegalStatus.Pending),
        ("有权", LegalStatus.InForce),
        ("授权", LegalStatus.InForce),
        ("有效", LegalStatus.InForce),
        ("无权", LegalStatus.Lapsed),
        ("失效", LegalStatus.Lapsed),
    ];

    private static readonly (string Phrase, LegalStatus Status)[] EnglishPhrases =
    [
        ("invalid", LegalStatus.Invalidated),
        ("revoked", LegalStatus.Invalidated),
        ("fee related", LegalStatus.Lapsed),
        ("lapsed", LegalStatus.Lapsed),
        ("ceased", LegalStatus.Lapsed),
        ("expired", LegalStatus.Expired),
        ("lifetime", LegalStatus.Expired),
        ("withdrawn", LegalStatus.Withdrawn),
        ("abandoned", LegalStatus.Withdrawn),
        ("refused", LegalStatus.Withdrawn),
        ("rejected", LegalStatus.Withdrawn),
        ("pending", LegalStatus.Pending),
        ("examination", LegalStatus.Pending),
        ("published", LegalStatus.Pending),
        ("active", LegalStatus.InForce),
        ("in force", LegalStatus.InForce),
        ("granted", LegalStatus.InForce),
        ("alive", LegalStatus.InForce),
        ("dead", LegalStatus.Lapsed),
        ("inactive", LegalStatus.Lapsed),
    ];

    /// <summary>The normalised status, or <see cref="LegalStatus.Unknown"/> when the text says nothing recognisable.</summary>
    public static LegalStatus Map(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return LegalStatus.Unknown;
        var first = TextNormalizer.ToHalfWidth(text).Split([';', '；', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? "";
        foreach (var (phrase, status) in Phrases)
            if (first.Contains(phrase, StringComparison.Ordinal)) return status;
        // "inactive" contains "active", so it is decided before the English list.
        if (first.Contains("inactive", StringComparison.OrdinalIgnoreCase)) return LegalStatus.Lapsed;
        foreach (var (phrase, status) in EnglishPhrases)
            if (first.Contains(phrase, StringComparison.OrdinalIgnoreCase)) return status;
        return LegalStatus.Unknown;
    }
}
