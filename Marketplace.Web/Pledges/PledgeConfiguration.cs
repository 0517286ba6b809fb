using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Pledges;

internal sealed class PledgeRecordConfiguration : IEntityTypeConfiguration<PledgeRecord>
{
    public void Configure(EntityTypeBuilder<PledgeRecord> b)
    {
        b.ToTable("PledgeRecords");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.RegistrationNumber).HasMaxLength(PledgeRecord.MaxRegistrationNumberLength).IsRequired();
        b.HasIndex(p => p.RegistrationNumber).IsUnique();
        b.Property(p => p.PledgorName).HasMaxLength(PledgeRecord.MaxNameLength).IsRequired();
        b.Property(p => p.PledgeeName).HasMaxLength(PledgeRecord.MaxNameLength).IsRequired();
        b.Property(p => p.AmountYuan).HasPrecision(16, 2);
        b.Property(p => p.County).HasMaxLength(50);
        b.Property(p => p.SourceFile).HasMaxLength(255);
        b.HasIndex(p => p.PledgeeOrganizationId);
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.PledgeeOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Patents).WithOne().HasForeignKey(p => p.PledgeId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Patents).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PledgedPatentConfiguration : IEntityTypeConfiguration<PledgedPatent>
{
    public void Configure(EntityTypeBuilder<PledgedPatent> b)
    {
        b.ToTable("PledgedPatents");
        b.HasKey(p => new { p.PledgeId, p.PatentId });
        b.Property(p => p.PatentId).HasMaxLength(40).IsRequired();
        b.Property(p => p.Title).HasMaxLength(500).IsRequired();
        b.HasIndex(p => p.PatentId);
    }
}
