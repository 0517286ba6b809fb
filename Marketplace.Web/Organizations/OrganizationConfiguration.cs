using Marketplace.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Organizations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.ToTable("Organizations");
        // Ids are made by the entities (Guid v7); a new child found through a navigation must be inserted, not updated.
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.Name).HasMaxLength(200).IsRequired();
        b.Property(o => o.CreditCode).HasMaxLength(UnifiedSocialCreditCode.Length).IsRequired();
        b.HasIndex(o => o.CreditCode).IsUnique();
        b.Property(o => o.ReviewNote).HasMaxLength(1000);
        b.Property(o => o.PayeeName).HasMaxLength(Organization.MaxPayeeNameLength);
        b.Property(o => o.PayeeBank).HasMaxLength(Organization.MaxPayeeNameLength);
        b.Property(o => o.PayeeAccountNumber).HasMaxLength(30);
        b.HasIndex(o => o.Verification);
        b.HasMany(o => o.Members).WithOne().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(o => o.Invitations).WithOne().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(o => o.Documents).WithOne().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(o => o.Invitations).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(o => o.Documents).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.ToTable("Memberships");
        b.HasKey(m => new { m.OrganizationId, m.UserId });
        b.HasIndex(m => m.UserId);
        b.HasOne<MarketplaceUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.ToTable("Invitations");
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.Email).HasMaxLength(256).IsRequired();
        b.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        b.HasIndex(i => i.TokenHash).IsUnique();
    }
}

internal sealed class VerificationDocumentConfiguration : IEntityTypeConfiguration<VerificationDocument>
{
    public void Configure(EntityTypeBuilder<VerificationDocument> b)
    {
        b.ToTable("VerificationDocuments");
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.FileName).HasMaxLength(255).IsRequired();
        b.Property(d => d.ContentType).HasMaxLength(100).IsRequired();
        b.Property(d => d.Content).IsRequired();
    }
}

/// <summary>The organisation a person acts for; Accounts knows only its id.</summary>
internal sealed class CurrentOrganizationConfiguration : IEntityTypeConfiguration<MarketplaceUser>
{
    public void Configure(EntityTypeBuilder<MarketplaceUser> b) =>
        b.HasOne<Organization>().WithMany().HasForeignKey(u => u.CurrentOrganizationId).OnDelete(DeleteBehavior.SetNull);
}
