namespace Marketplace.Web.Contests;

public static class ContestAuditActions
{
    public const string Created = "contest.created";
    public const string Configured = "contest.configured";
    public const string SettingsChanged = "contest.settings-changed";
    public const string RubricChanged = "contest.rubric-changed";
    public const string Announced = "contest.announced";
    public const string Invited = "contest.invited";
    public const string InvitationAccepted = "contest.invitation-accepted";
    public const string ConflictDeclared = "contest.conflict-declared";
    public const string EntrySubmitted = "contest.entry-submitted";
    public const string EntryChanged = "contest.entry-changed";
    public const string DocumentAttached = "contest.document-attached";
    public const string JudgingStarted = "contest.judging-started";
    public const string ScoreGiven = "contest.score-given";
    public const string ScoreChanged = "contest.score-changed";
    public const string StageClosed = "contest.stage-closed";
    public const string ResultsPublished = "contest.results-published";
    public const string InterestTagged = "contest.interest-tagged";
}
