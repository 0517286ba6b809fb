using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Transfers;

internal sealed class TransferListingConfiguration : IEntityTypeConfiguration<TransferListing>
{
    public void Configure(EntityTypeBuilder<TransferListing> b)
    {
        b.ToTable("TransferListings");
        b.Property(l => l.Id).ValueGeneratedNever();
        b.Property(l => l.Reference).HasMaxLength(32).IsRequired();
        b.HasIndex(l => l.Reference).IsUnique();
        b.Property(l => l.SellerName).HasMaxLength(200).IsRequired();
        b.Property(l => l.PatentId).HasMaxLength(40).IsRequired();
        b.Property(l => l.PatentTitle).HasMaxLength(500).IsRequired();
        b.Property(l => l.ApplicationNumber).HasMaxLength(40);
        b.Property(l => l.Applicants).HasMaxLength(1000).IsRequired();
        b.Property(l => l.Inventors).HasMaxLength(1000).IsRequired();
        b.Property(l => l.CoOwnerNames).HasMaxLength(1000).IsRequired();
        b.Property(l => l.Conditions).HasMaxLength(TransferListing.MaxTextLength);
        b.Property(l => l.WithdrawalReason).HasMaxLength(TransferListing.MaxTextLength);
        b.Property(l => l.BuyerName).HasMaxLength(200);
        b.Property(l => l.BuyerAddress).HasMaxLength(300);
        b.Property(l => l.PledgeDetails).HasMaxLength(TransferListing.MaxTextLength);
        b.Property(l => l.SellerAddress).HasMaxLength(300);
        b.Property(l => l.Agent).HasMaxLength(200);
        b.Property(l => l.CheckoutSessionId).HasMaxLength(255);
        b.Property(l => l.PaymentReference).HasMaxLength(200);
        b.Property(l => l.RecordalNumber).HasMaxLength(64);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.Ignore(l => l.CoOwners);
        b.HasIndex(l => l.PatentId);
        b.HasIndex(l => new { l.SellerOrganizationId, l.Status });
        b.HasIndex(l => l.Status);
        b.HasOne<Organization>().WithMany().HasForeignKey(l => l.SellerOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TransferOfferConfiguration : IEntityTypeConfiguration<TransferOffer>
{
    public void Configure(EntityTypeBuilder<TransferOffer> b)
    {
        b.ToTable("TransferOffers");
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.BuyerName).HasMaxLength(200).IsRequired();
        b.Property(o => o.BuyerAddress).HasMaxLength(300).IsRequired();
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasIndex(o => new { o.ListingId, o.Status });
        b.HasIndex(o => o.BuyerOrganizationId);
        b.HasOne<TransferListing>().WithMany().HasForeignKey(o => o.ListingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(o => o.BuyerOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Messages).WithOne().HasForeignKey(m => m.OfferId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Messages).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TransferMessageConfiguration : IEntityTypeConfiguration<TransferMessage>
{
    public void Configure(EntityTypeBuilder<TransferMessage> b)
    {
        b.ToTable("TransferMessages");
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Text).HasMaxLength(TransferListing.MaxTextLength);
        b.HasIndex(m => new { m.OfferId, m.At });
    }
}
