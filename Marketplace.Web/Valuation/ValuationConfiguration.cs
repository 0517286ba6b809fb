using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Valuation;

internal sealed class PatentValuationConfiguration : IEntityTypeConfiguration<PatentValuation>
{
    public void Configure(EntityTypeBuilder<PatentValuation> b)
    {
        b.ToTable("PatentValuations");
        b.Property(v => v.Id).ValueGeneratedNever();
        b.Property(v => v.Reference).HasMaxLength(32).IsRequired();
        b.HasIndex(v => v.Reference).IsUnique();
        b.Property(v => v.ChainId).HasMaxLength(100);
        b.Property(v => v.PublishedIndustryId).HasMaxLength(64);
        b.Property(v => v.DefaultRoyaltyPercent).HasPrecision(7, 4);
        b.Property(v => v.ComparablesJson).IsRequired();
        b.Property(v => v.LowYuan).HasPrecision(18, 2);
        b.Property(v => v.PointYuan).HasPrecision(18, 2);
        b.Property(v => v.HighYuan).HasPrecision(18, 2);
        b.Property(v => v.Version).IsConcurrencyToken();
        b.HasIndex(v => v.OwnerOrganizationId);
        b.HasOne<Organization>().WithMany().HasForeignKey(v => v.OwnerOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsOne(v => v.Terms, t =>
        {
            t.Property(x => x.Purpose).HasColumnName("Purpose");
            t.Property(x => x.ValuationDate).HasColumnName("ValuationDate");
            t.Property(x => x.RevenueYuan).HasColumnName("RevenueYuan").HasPrecision(18, 2);
            t.Property(x => x.GrowthPercent).HasColumnName("GrowthPercent").HasPrecision(7, 4);
            t.Property(x => x.RoyaltyPercent).HasColumnName("RoyaltyPercent").HasPrecision(7, 4);
            t.Property(x => x.TaxPercent).HasColumnName("TaxPercent").HasPrecision(7, 4);
            t.Property(x => x.DiscountPercent).HasColumnName("DiscountPercent").HasPrecision(7, 4);
            t.Property(x => x.LifeYears).HasColumnName("LifeYears").HasPrecision(6, 2);
            t.Property(x => x.FeesYuan).HasColumnName("FeesYuan").HasPrecision(18, 2);
            t.Property(x => x.ResearchCostYuan).HasColumnName("ResearchCostYuan").HasPrecision(18, 2);
            t.Property(x => x.ObsolescencePercent).HasColumnName("ObsolescencePercent").HasPrecision(7, 4);
            t.Property(x => x.MarketAdjustmentPercent).HasColumnName("MarketAdjustmentPercent").HasPrecision(7, 4);
            t.Property(x => x.Basis).HasColumnName("Basis");
        });
        b.Navigation(v => v.Terms).IsRequired();
        b.HasMany(v => v.Patents).WithOne().HasForeignKey(p => p.ValuationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(v => v.Patents).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(v => v.Comparables);
        b.Ignore(v => v.RoyaltyDefault);
        b.Ignore(v => v.StatutoryYearsLeft);
        b.Ignore(v => v.TermYears);
    }
}

internal sealed class ValuedPatentConfiguration : IEntityTypeConfiguration<ValuedPatent>
{
    public void Configure(EntityTypeBuilder<ValuedPatent> b)
    {
        b.ToTable("ValuedPatents");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.PatentId).HasMaxLength(40).IsRequired();
        b.Property(p => p.Title).HasMaxLength(500).IsRequired();
        b.HasIndex(p => new { p.ValuationId, p.PatentId }).IsUnique();
        // The patent page and the price guidance look up the latest valuation of a patent.
        b.HasIndex(p => p.PatentId);
        b.Ignore(p => p.TermYears);
        b.Ignore(p => p.Expiry);
    }
}
