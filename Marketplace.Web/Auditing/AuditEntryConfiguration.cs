using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Auditing;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(e => e.Action).HasMaxLength(64).IsRequired();
        b.Property(e => e.UserName).HasMaxLength(256);
        b.Property(e => e.Subject).HasMaxLength(256);
        b.Property(e => e.Detail).HasMaxLength(1000);
        b.Property(e => e.IpAddress).HasMaxLength(64);
        b.HasIndex(e => e.At);
        b.HasIndex(e => new { e.OrganizationId, e.At });
        b.HasIndex(e => new { e.Action, e.At });
    }
}
