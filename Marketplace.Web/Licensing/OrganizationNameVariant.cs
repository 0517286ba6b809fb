using Marketplace.Web.Organizations;

namespace Marketplace.Web.Licensing;

/// <summary>Another name the organisation appears under as applicant (former name, English name, a school's name).</summary>
public sealed class OrganizationNameVariant
{
    public OrganizationNameVariant(Guid organizationId, string name, DateTime addedAt)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200) throw new LicensingRuleException("A name variant has 1 to 200 characters.");
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        Name = name.Trim();
        AddedAt = addedAt;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string Name { get; private set; }

    public DateTime AddedAt { get; private set; }
}
