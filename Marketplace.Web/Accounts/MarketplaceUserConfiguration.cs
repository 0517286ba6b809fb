using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Accounts;

internal sealed class MarketplaceUserConfiguration : IEntityTypeConfiguration<MarketplaceUser>
{
    public void Configure(EntityTypeBuilder<MarketplaceUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100).IsRequired();
    }
}
