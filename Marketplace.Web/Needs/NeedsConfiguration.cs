using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Needs;

internal sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> b)
    {
        b.ToTable("Needs");
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.Title).HasMaxLength(Need.MaxTitle).IsRequired();
        b.Property(n => n.Description).HasMaxLength(Need.MaxDescription).IsRequired();
        b.Property(n => n.ChainId).HasMaxLength(64);
        b.Property(n => n.Region).HasMaxLength(Need.MaxRegion);
        b.Property(n => n.FieldChains).HasMaxLength(Need.MaxFields).IsRequired();
        b.Property(n => n.FieldIpcSubclasses).HasMaxLength(Need.MaxFields).IsRequired();
        b.Property(n => n.BudgetMin).HasPrecision(12, 2);
        b.Property(n => n.BudgetMax).HasPrecision(12, 2);
        foreach (var p in new[] { nameof(Need.Materials), nameof(Need.Methods), nameof(Need.Effects), nameof(Need.Products), nameof(Need.Applications) })
            b.Property(p).HasMaxLength(Need.MaxElements);
        b.HasIndex(n => n.OrganizationId);
        b.HasIndex(n => new { n.Status, n.Visibility });
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(n => n.Invitations).WithOne().HasForeignKey(i => i.NeedId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(n => n.Invitations).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class NeedInvitationConfiguration : IEntityTypeConfiguration<NeedInvitation>
{
    public void Configure(EntityTypeBuilder<NeedInvitation> b)
    {
        b.ToTable("NeedInvitations");
        b.HasKey(i => new { i.NeedId, i.OrganizationId });
        b.HasIndex(i => i.OrganizationId);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> b)
    {
        b.ToTable("NeedProposals");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.PatentIds).HasMaxLength(2000).IsRequired();
        b.Property(p => p.Approach).HasMaxLength(Proposal.MaxText).IsRequired();
        b.Property(p => p.Terms).HasMaxLength(Proposal.MaxText).IsRequired();
        b.Property(p => p.Team).HasMaxLength(Proposal.MaxText).IsRequired();
        b.Ignore(p => p.Patents);
        // The declaration offered must exist (the service checks it is the organisation's and published); declarations are withdrawn, never deleted.
        b.HasOne<Licensing.OpenLicenseDeclaration>().WithMany().HasForeignKey(p => p.OpenLicenseDeclarationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.NeedId, p.OrganizationId }).IsUnique();
        b.HasOne<Need>().WithMany().HasForeignKey(p => p.NeedId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> b)
    {
        b.ToTable("Deals");
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.ContractNumber).HasMaxLength(Deal.MaxContract);
        b.Property(d => d.ContractDocument).HasMaxLength(64);
        b.Property(d => d.Title).HasMaxLength(Deal.MaxTitle).IsRequired();
        b.Property(d => d.PatentIds).HasMaxLength(Deal.MaxPatents).IsRequired();
        b.Ignore(d => d.IsOpen);
        b.Ignore(d => d.Patents);
        b.HasOne<Licensing.LicenseOrder>().WithMany().HasForeignKey(d => d.LicenseOrderId).OnDelete(DeleteBehavior.Restrict);
        // One lead per observer interest; no foreign key, so the lead (and its history) outlives the tag.
        b.HasIndex(d => d.ObserverInterestId).IsUnique();
        b.HasIndex(d => d.NeedId).IsUnique();
        b.HasIndex(d => d.Stage);
        b.HasOne<Need>().WithMany().HasForeignKey(d => d.NeedId).IsRequired(false).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(d => d.History).WithOne().HasForeignKey(e => e.DealId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(d => d.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DealEventConfiguration : IEntityTypeConfiguration<DealEvent>
{
    public void Configure(EntityTypeBuilder<DealEvent> b)
    {
        b.ToTable("DealEvents");
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Kind).HasMaxLength(20).IsRequired();
        b.Property(e => e.From).HasMaxLength(64);
        b.Property(e => e.To).HasMaxLength(64);
        b.Property(e => e.Text).HasMaxLength(Deal.MaxNote);
    }
}

internal sealed class NeedAlertSeenConfiguration : IEntityTypeConfiguration<NeedAlertSeen>
{
    public void Configure(EntityTypeBuilder<NeedAlertSeen> b)
    {
        b.ToTable("NeedAlertSeen");
        b.HasKey(s => new { s.NeedId, s.PatentId });
        b.Property(s => s.PatentId).HasMaxLength(64);
        b.HasOne<Need>().WithMany().HasForeignKey(s => s.NeedId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NeedFieldAlertConfiguration : IEntityTypeConfiguration<NeedFieldAlert>
{
    public void Configure(EntityTypeBuilder<NeedFieldAlert> b)
    {
        b.ToTable("NeedFieldAlerts");
        b.HasKey(a => new { a.NeedId, a.OrganizationId });
        b.Property(a => a.Reason).HasMaxLength(20).IsRequired();
        b.HasOne<Need>().WithMany().HasForeignKey(a => a.NeedId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
