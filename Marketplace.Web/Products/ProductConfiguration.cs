using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Products;

internal sealed class PatentIntensiveProductConfiguration : IEntityTypeConfiguration<PatentIntensiveProduct>
{
    public void Configure(EntityTypeBuilder<PatentIntensiveProduct> b)
    {
        b.ToTable("PatentIntensiveProducts");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.OrganizationName).HasMaxLength(200).IsRequired();
        b.Property(p => p.Name).HasMaxLength(PatentIntensiveProduct.MaxNameLength).IsRequired();
        b.Property(p => p.Category).HasMaxLength(PatentIntensiveProduct.MaxCategoryLength).IsRequired();
        b.Property(p => p.SalesRevenueYuan).HasPrecision(18, 2);
        b.Property(p => p.ReviewReason).HasMaxLength(PatentIntensiveProduct.MaxReasonLength);
        b.HasIndex(p => new { p.OrganizationId, p.Status });
        b.HasIndex(p => p.Status);
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Patents).WithOne().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Patents).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ProductPatentConfiguration : IEntityTypeConfiguration<ProductPatent>
{
    public void Configure(EntityTypeBuilder<ProductPatent> b)
    {
        b.ToTable("ProductPatents");
        b.HasKey(p => new { p.ProductId, p.PatentId });
        b.Property(p => p.PatentId).HasMaxLength(40).IsRequired();
        b.Property(p => p.Title).HasMaxLength(500).IsRequired();
        b.Property(p => p.DocumentType).HasMaxLength(30);
        b.Property(p => p.Chain).HasMaxLength(100);
        b.HasIndex(p => p.PatentId);
    }
}
