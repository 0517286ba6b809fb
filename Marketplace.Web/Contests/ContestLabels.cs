namespace Marketplace.Web.Contests;

/// <summary>English labels (the localisation keys) of the contest's enums.</summary>
public static class ContestLabels
{
    public static string Label(this ParticipantRole role) => role == ParticipantRole.Judge ? "Judge" : "Observer";

    public static string Label(this ContestStatus status) => status switch
    {
        ContestStatus.Announced => "Open for entries and judging",
        ContestStatus.ResultsPublished => "Results published",
        _ => "Draft",
    };

    public static string Label(this StageStatus status) => status switch
    {
        StageStatus.Judging => "Being judged",
        StageStatus.Closed => "Closed",
        _ => "Open",
    };

    /// <summary>
    /// A stage's label on the contest's pages: an open stage is in progress only while it is the current stage of an
    /// announced contest; before that (a draft, or a later stage waiting for the earlier ones) it has not started.
    /// </summary>
    public static string StageLabel(this Contest contest, ContestStage stage) =>
        stage.Status == StageStatus.Open && (contest.Status != ContestStatus.Announced || contest.CurrentStage?.Id != stage.Id)
            ? NotStarted
            : stage.Status.Label();

    public const string NotStarted = "Not started";

    public static string Label(this Award award) => award switch
    {
        Award.Gold => "Gold award",
        Award.Silver => "Silver award",
        _ => "Excellence award",
    };

    public static string Label(this EntryDocumentKind kind) => kind == EntryDocumentKind.BusinessPlan ? "Business plan" : "Evaluation report";

    /// <summary>Every label, for the translation test.</summary>
    public static IEnumerable<string> All =>
        Enum.GetValues<ParticipantRole>().Select(Label)
            .Concat(Enum.GetValues<ContestStatus>().Select(Label))
            .Concat(Enum.GetValues<StageStatus>().Select(Label))
            .Append(NotStarted)
            .Concat(Enum.GetValues<Award>().Select(Label))
            .Concat(Enum.GetValues<EntryDocumentKind>().Select(Label))
            .Concat(["Preliminary", "Semi-final", "Final"])
            .Concat(Rubric.Default.Criteria.SelectMany(c => new[] { c.Name, c.Guidance }))
            .Concat([ScoreCalculator.TieBySubmission, ScoreCalculator.TieById, ScoreCalculator.TieByCriterion]);
}
