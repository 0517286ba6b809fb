namespace Marketplace.Web.Organizations;

public enum OrganizationType
{
    University = 1,
    ResearchInstitute = 2,
    Enterprise = 3,
    IpServiceAgency = 4,
    GovernmentOffice = 5,

    /// <summary>A bank lending against patent pledges (质押融资): its members register and release the pledges it holds as pledgee.</summary>
    Bank = 6,
}

/// <summary>Owner (one at least, always), admin (manages members and data), member (acts for the organisation).</summary>
public enum OrganizationRole
{
    Member = 1,
    Admin = 2,
    Owner = 3,
}

public enum VerificationStatus
{
    /// <summary>Created; documents may be attached.</summary>
    Unverified = 0,

    /// <summary>Submitted with documents; waiting for an operator.</summary>
    Pending = 1,

    Verified = 2,

    /// <summary>Refused by an operator with a reason; may be corrected and submitted again.</summary>
    Rejected = 3,
}

public static class OrganizationLabels
{
    /// <summary>English label (the localisation key) of each type.</summary>
    public static string Label(this OrganizationType type) => type switch
    {
        OrganizationType.University => "University",
        OrganizationType.ResearchInstitute => "Research institute",
        OrganizationType.Enterprise => "Enterprise",
        OrganizationType.IpServiceAgency => "IP service agency",
        OrganizationType.GovernmentOffice => "Government office",
        OrganizationType.Bank => "Bank",
        _ => type.ToString(),
    };

    public static string Label(this OrganizationRole role) => role switch
    {
        OrganizationRole.Owner => "Owner",
        OrganizationRole.Admin => "Admin",
        _ => "Member",
    };

    public static string Label(this VerificationStatus status) => status switch
    {
        VerificationStatus.Pending => "Pending verification",
        VerificationStatus.Verified => "Verified",
        VerificationStatus.Rejected => "Rejected",
        _ => "Unverified",
    };
}
