using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Marketplace.Web.Organizations;

namespace Marketplace.Web.Acquisition;

internal sealed class AcquisitionPoolConfiguration : IEntityTypeConfiguration<AcquisitionPool>
{
    public void Configure(EntityTypeBuilder<AcquisitionPool> b)
    {
        b.ToTable("AcquisitionPools");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Reference).HasMaxLength(32).IsRequired();
        b.HasIndex(p => p.Reference).IsUnique();
        b.Property(p => p.Name).HasMaxLength(AcquisitionPool.MaxNameLength).IsRequired();
        b.Property(p => p.Purpose).HasMaxLength(AcquisitionPool.MaxPurposeLength).IsRequired();
        b.Property(p => p.ChainId).HasMaxLength(64);
        b.Property(p => p.HolderName).HasMaxLength(200).IsRequired();
        b.HasIndex(p => p.HolderOrganizationId);
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.HolderOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Candidates).WithOne().HasForeignKey(c => c.PoolId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Candidates).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AcquisitionCandidateConfiguration : IEntityTypeConfiguration<AcquisitionCandidate>
{
    public void Configure(EntityTypeBuilder<AcquisitionCandidate> b)
    {
        b.ToTable("AcquisitionCandidates");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.PatentId).HasMaxLength(40).IsRequired();
        b.Property(c => c.Title).HasMaxLength(500).IsRequired();
        b.Property(c => c.OwnerName).HasMaxLength(1000).IsRequired();
        b.Property(c => c.ChainId).HasMaxLength(64);
        b.Property(c => c.OfflineNote).HasMaxLength(AcquisitionCandidate.MaxNoteLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => new { c.PoolId, c.PatentId }).IsUnique();
        b.HasIndex(c => new { c.PatentId, c.Stage });
    }
}

internal sealed class AcquisitionOfferConfiguration : IEntityTypeConfiguration<AcquisitionOffer>
{
    public void Configure(EntityTypeBuilder<AcquisitionOffer> b)
    {
        b.ToTable("AcquisitionOffers");
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.Reference).HasMaxLength(32).IsRequired();
        b.HasIndex(o => o.Reference).IsUnique();
        b.Property(o => o.PatentId).HasMaxLength(40).IsRequired();
        b.Property(o => o.OwnerName).HasMaxLength(200).IsRequired();
        b.Property(o => o.HolderName).HasMaxLength(200).IsRequired();
        b.Property(o => o.Terms).HasMaxLength(AcquisitionOffer.MaxTextLength).IsRequired();
        b.Property(o => o.Message).HasMaxLength(AcquisitionOffer.MaxTextLength);
        b.Property(o => o.Answer).HasMaxLength(AcquisitionOffer.MaxTextLength);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasIndex(o => o.CandidateId);
        b.HasIndex(o => new { o.OwnerOrganizationId, o.Status });
        b.HasOne<AcquisitionCandidate>().WithMany().HasForeignKey(o => o.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(o => o.OwnerOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PatentPackageConfiguration : IEntityTypeConfiguration<PatentPackage>
{
    public void Configure(EntityTypeBuilder<PatentPackage> b)
    {
        b.ToTable("PatentPackages");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Reference).HasMaxLength(32).IsRequired();
        b.HasIndex(p => p.Reference).IsUnique();
        b.Property(p => p.Name).HasMaxLength(PatentPackage.MaxNameLength).IsRequired();
        b.Property(p => p.ChainId).HasMaxLength(64);
        b.Property(p => p.Description).HasMaxLength(PatentPackage.MaxDescriptionLength).IsRequired();
        b.Property(p => p.HolderName).HasMaxLength(200).IsRequired();
        b.HasMany(p => p.Patents).WithOne().HasForeignKey(p => p.PackageId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Patents).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PackagedPatentConfiguration : IEntityTypeConfiguration<PackagedPatent>
{
    public void Configure(EntityTypeBuilder<PackagedPatent> b)
    {
        b.ToTable("PackagedPatents");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.PatentId).HasMaxLength(40).IsRequired();
        b.Property(p => p.Title).HasMaxLength(500).IsRequired();
        b.Property(p => p.FiledBy).HasMaxLength(1000).IsRequired();
        b.HasIndex(p => p.PatentId);
        b.HasIndex(p => new { p.PackageId, p.PatentId }).IsUnique();
    }
}
