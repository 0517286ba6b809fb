namespace Marketplace.Web.Needs;

/// <summary>English labels (UI string keys) of the needs feature's enums.</summary>
public static class DealLabels
{
    public static string Label(DealStage stage) => stage switch
    {
        DealStage.New => "New",
        DealStage.Screened => "Screened",
        DealStage.Matched => "Matched",
        DealStage.Contacted => "Contacted",
        DealStage.Negotiating => "Negotiating",
        DealStage.Agreed => "Agreed",
        DealStage.Closed => "Closed",
        _ => "Lost",
    };

    public static string Label(AgreementKind kind) => kind switch
    {
        AgreementKind.License => "Licence",
        AgreementKind.Transfer => "Transfer",
        _ => "Joint project",
    };

    public static string Label(NeedOutcome outcome) => outcome switch
    {
        NeedOutcome.License => "Licence",
        NeedOutcome.Transfer => "Transfer",
        NeedOutcome.JointDevelopment => "Joint development",
        _ => "Commissioned research",
    };

    public static string Label(DealSource source) => source == DealSource.Need ? "Technical need" : "Contest observer's interest";

    public static string Label(NeedVisibility visibility) => visibility switch
    {
        NeedVisibility.Public => "Public",
        NeedVisibility.OperatorsOnly => "Operators only",
        _ => "Invited universities only",
    };
}
