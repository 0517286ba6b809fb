using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Licensing;

internal sealed class OpenLicenseDeclarationConfiguration : IEntityTypeConfiguration<OpenLicenseDeclaration>
{
    public void Configure(EntityTypeBuilder<OpenLicenseDeclaration> b)
    {
        b.ToTable("OpenLicenseDeclarations");
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.PatenteeName).HasMaxLength(200).IsRequired();
        b.Property(d => d.OtherTerms).HasMaxLength(OpenLicenseDeclaration.MaxOtherTermsLength);
        b.Property(d => d.Territory).HasMaxLength(200).IsRequired();
        b.Property(d => d.SendBackReasons).HasMaxLength(2000);
        b.Property(d => d.WithdrawalReason).HasMaxLength(2000);
        b.Property(d => d.PublicationReference).HasMaxLength(64);
        b.HasIndex(d => d.PublicationReference).IsUnique();
        b.HasIndex(d => new { d.OrganizationId, d.Status });
        b.HasIndex(d => d.Status);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsOne(d => d.Fee, f =>
        {
            f.Property(x => x.Kind).HasColumnName("FeeKind");
            f.Property(x => x.AmountYuan).HasColumnName("FeeAmountYuan").HasPrecision(14, 2);
            f.Property(x => x.RoyaltyPercent).HasColumnName("FeeRoyaltyPercent").HasPrecision(7, 4);
            f.Property(x => x.RoyaltyBase).HasColumnName("FeeRoyaltyBase");
            f.Property(x => x.AnnualMinimumYuan).HasColumnName("FeeAnnualMinimumYuan").HasPrecision(14, 2);
        });
        b.Navigation(d => d.Fee).IsRequired();
        b.OwnsOne(d => d.Attestations, a =>
        {
            a.Property(x => x.FeesPaid).HasColumnName("AttestsFeesPaid");
            a.Property(x => x.NoDisputeOrPreservation).HasColumnName("AttestsNoDispute");
            a.Property(x => x.Pledged).HasColumnName("Pledged");
            a.Property(x => x.PledgeeConsents).HasColumnName("PledgeeConsents");
            a.Property(x => x.CoOwnersConsent).HasColumnName("CoOwnersConsent");
        });
        b.Navigation(d => d.Attestations).IsRequired();
        b.HasMany(d => d.Patents).WithOne().HasForeignKey(p => p.DeclarationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(d => d.Patents).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DeclaredPatentConfiguration : IEntityTypeConfiguration<DeclaredPatent>
{
    public void Configure(EntityTypeBuilder<DeclaredPatent> b)
    {
        b.ToTable("DeclaredPatents");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.PatentId).HasMaxLength(40).IsRequired();
        b.Property(p => p.Title).HasMaxLength(500).IsRequired();
        b.Property(p => p.IpcSubclass).HasMaxLength(8);
        b.Property(p => p.Chain).HasMaxLength(100);
        b.Property(p => p.CoOwnerNames).HasMaxLength(2000).IsRequired();
        b.Property(p => p.EvaluationReport).HasMaxLength(100);
        b.HasIndex(p => new { p.DeclarationId, p.PatentId }).IsUnique();
        b.HasIndex(p => p.PatentId);
        b.Ignore(p => p.CoOwners);
    }
}

internal sealed class LicenseOrderConfiguration : IEntityTypeConfiguration<LicenseOrder>
{
    public void Configure(EntityTypeBuilder<LicenseOrder> b)
    {
        b.ToTable("LicenseOrders");
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.Reference).HasMaxLength(32).IsRequired();
        b.HasIndex(o => o.Reference).IsUnique();
        b.Property(o => o.RequestKey).HasMaxLength(64).IsRequired();
        // The same confirming form posted twice (a double click) finds the same order.
        b.HasIndex(o => new { o.LicenseeOrganizationId, o.RequestKey }).IsUnique();
        // One live licence per licensee and declaration; null (cancelled, expired) repeats freely on both providers.
        b.Property(o => o.OpenKey).HasMaxLength(80);
        b.HasIndex(o => o.OpenKey).IsUnique();
        b.Property(o => o.CheckoutSessionId).HasMaxLength(255);
        b.HasIndex(o => o.CheckoutSessionId).IsUnique();
        b.Property(o => o.PaymentReference).HasMaxLength(255);
        b.Property(o => o.RecordalNumber).HasMaxLength(64);
        b.Property(o => o.CancelReason).HasMaxLength(500);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasIndex(o => o.DeclarationId);
        b.HasIndex(o => o.LicensorOrganizationId);
        b.HasIndex(o => o.LicenseeOrganizationId);
        b.HasOne<OpenLicenseDeclaration>().WithMany().HasForeignKey(o => o.DeclarationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentEventConfiguration : IEntityTypeConfiguration<PaymentEvent>
{
    public void Configure(EntityTypeBuilder<PaymentEvent> b)
    {
        b.ToTable("PaymentEvents");
        b.Property(e => e.EventId).HasMaxLength(255).IsRequired();
        b.HasIndex(e => e.EventId).IsUnique();
        b.Property(e => e.Type).HasMaxLength(100).IsRequired();
        b.Property(e => e.Outcome).HasMaxLength(200).IsRequired();
    }
}

internal sealed class PayoutAccountConfiguration : IEntityTypeConfiguration<PayoutAccount>
{
    public void Configure(EntityTypeBuilder<PayoutAccount> b)
    {
        b.ToTable("PayoutAccounts");
        b.HasKey(a => a.OrganizationId);
        b.Property(a => a.StripeAccountId).HasMaxLength(64).IsRequired();
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ExclusiveLicenseRecordConfiguration : IEntityTypeConfiguration<ExclusiveLicenseRecord>
{
    public void Configure(EntityTypeBuilder<ExclusiveLicenseRecord> b)
    {
        b.ToTable("ExclusiveLicenseRecords");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.PatentId).HasMaxLength(40).IsRequired();
        b.Property(r => r.Licensee).HasMaxLength(200).IsRequired();
        b.HasIndex(r => r.PatentId);
    }
}

internal sealed class RoyaltyReportConfiguration : IEntityTypeConfiguration<RoyaltyReport>
{
    public void Configure(EntityTypeBuilder<RoyaltyReport> b)
    {
        b.ToTable("RoyaltyReports");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.ReportedYuan).HasPrecision(16, 2);
        b.Property(r => r.RoyaltyYuan).HasPrecision(16, 2);
        b.HasIndex(r => new { r.OrderId, r.Year, r.Quarter }).IsUnique();
        b.HasOne<LicenseOrder>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PortfolioClaimConfiguration : IEntityTypeConfiguration<PortfolioClaim>
{
    public void Configure(EntityTypeBuilder<PortfolioClaim> b)
    {
        b.ToTable("PortfolioClaims");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.PatentId).HasMaxLength(40).IsRequired();
        b.Property(c => c.MatchedName).HasMaxLength(200).IsRequired();
        b.Property(c => c.ReviewNote).HasMaxLength(1000);
        b.HasIndex(c => new { c.OrganizationId, c.PatentId }).IsUnique();
        b.HasIndex(c => c.Status);
        b.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrganizationNameVariantConfiguration : IEntityTypeConfiguration<OrganizationNameVariant>
{
    public void Configure(EntityTypeBuilder<OrganizationNameVariant> b)
    {
        b.ToTable("OrganizationNameVariants");
        b.Property(v => v.Id).ValueGeneratedNever();
        b.Property(v => v.Name).HasMaxLength(200).IsRequired();
        b.HasIndex(v => new { v.OrganizationId, v.Name }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(v => v.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
