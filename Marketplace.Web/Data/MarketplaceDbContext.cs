using Marketplace.Web.Accounts;
using Marketplace.Web.Auditing;
using Marketplace.Web.Licensing;
using Marketplace.Web.Contests;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Marketplace.Web.Data;

/// <summary>
/// The marketplace database and its unit of work: Identity users and roles, OpenIddict applications
/// and tokens, organisations, the audit log and the Data Protection key ring. Each provider has its
/// own subclass only so that each has its own migrations (<see cref="SqliteMarketplaceDbContext"/>,
/// <see cref="PostgreSqlMarketplaceDbContext"/>); everything else talks to this type.
/// </summary>
public abstract class MarketplaceDbContext(DbContextOptions options)
    : IdentityDbContext<MarketplaceUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<VerificationDocument> VerificationDocuments => Set<VerificationDocument>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Licensing: open-licence declarations, licences and payments, portfolio.
    public DbSet<OpenLicenseDeclaration> OpenLicenseDeclarations => Set<OpenLicenseDeclaration>();

    public DbSet<DeclaredPatent> DeclaredPatents => Set<DeclaredPatent>();

    public DbSet<LicenseOrder> LicenseOrders => Set<LicenseOrder>();

    public DbSet<PaymentEvent> PaymentEvents => Set<PaymentEvent>();

    public DbSet<PayoutAccount> PayoutAccounts => Set<PayoutAccount>();

    public DbSet<ExclusiveLicenseRecord> ExclusiveLicenseRecords => Set<ExclusiveLicenseRecord>();

    public DbSet<RoyaltyReport> RoyaltyReports => Set<RoyaltyReport>();

    public DbSet<PortfolioClaim> PortfolioClaims => Set<PortfolioClaim>();

    public DbSet<OrganizationNameVariant> OrganizationNameVariants => Set<OrganizationNameVariant>();

    // Contests (高价值专利大赛): the aggregate with its stages and participants, entries with documents, judging, observers.
    public DbSet<Contest> Contests => Set<Contest>();

    public DbSet<ContestParticipant> ContestParticipants => Set<ContestParticipant>();

    public DbSet<ContestEntry> ContestEntries => Set<ContestEntry>();

    public DbSet<JudgeAssignment> JudgeAssignments => Set<JudgeAssignment>();

    public DbSet<Score> ContestScores => Set<Score>();

    public DbSet<ObserverInterest> ObserverInterests => Set<ObserverInterest>();
    // Needs, matching and brokering (issue 8), and the general notifications.
    public DbSet<Needs.Need> Needs => Set<Needs.Need>();

    public DbSet<Needs.NeedInvitation> NeedInvitations => Set<Needs.NeedInvitation>();

    public DbSet<Needs.Proposal> NeedProposals => Set<Needs.Proposal>();

    public DbSet<Needs.Deal> Deals => Set<Needs.Deal>();

    public DbSet<Needs.DealEvent> DealEvents => Set<Needs.DealEvent>();

    public DbSet<Needs.NeedAlertSeen> NeedAlertSeen => Set<Needs.NeedAlertSeen>();

    // Universities' needs feed: which organisation was told of which need (issue 8 §4).
    public DbSet<Needs.NeedFieldAlert> NeedFieldAlerts => Set<Needs.NeedFieldAlert>();

    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();

    public DbSet<Notifications.NotificationPreference> NotificationPreferences => Set<Notifications.NotificationPreference>();

    // Saved searches with their alert state, and patent collections (configured in Saved/SavedHostingExtensions.cs).
    public DbSet<Saved.SavedSearch> SavedSearches => Set<Saved.SavedSearch>();

    public DbSet<Saved.SavedSearchSeen> SavedSearchSeen => Set<Saved.SavedSearchSeen>();

    public DbSet<Saved.PatentCollection> PatentCollections => Set<Saved.PatentCollection>();

    public DbSet<Saved.CollectionItem> PatentCollectionItems => Set<Saved.CollectionItem>();

    public DbSet<Loads.LoadJob> LoadJobs => Set<Loads.LoadJob>();

    public DbSet<Jobs.JobRun> JobRuns => Set<Jobs.JobRun>();

    // Transfers (专利转让): listings, offers and their negotiation threads.
    public DbSet<Transfers.TransferListing> TransferListings => Set<Transfers.TransferListing>();

    public DbSet<Transfers.TransferOffer> TransferOffers => Set<Transfers.TransferOffer>();

    public DbSet<Transfers.TransferMessage> TransferMessages => Set<Transfers.TransferMessage>();

    public DbSet<Valuation.PatentValuation> PatentValuations => Set<Valuation.PatentValuation>();

    public DbSet<Valuation.ValuedPatent> ValuedPatents => Set<Valuation.ValuedPatent>();

    // Pledge financing (质押融资) and patent-intensive products (专利密集型产品), issue 20 items 4 and 5.
    public DbSet<Pledges.PledgeRecord> PledgeRecords => Set<Pledges.PledgeRecord>();

    public DbSet<Pledges.PledgedPatent> PledgedPatents => Set<Pledges.PledgedPatent>();

    public DbSet<Products.PatentIntensiveProduct> PatentIntensiveProducts => Set<Products.PatentIntensiveProduct>();

    public DbSet<Products.ProductPatent> ProductPatents => Set<Products.ProductPatent>();

    // Acquisition (收储) by operators and funds, and packages (专利组合/专利池), issue 20 item 2.
    public DbSet<Acquisition.AcquisitionPool> AcquisitionPools => Set<Acquisition.AcquisitionPool>();

    public DbSet<Acquisition.AcquisitionCandidate> AcquisitionCandidates => Set<Acquisition.AcquisitionCandidate>();

    public DbSet<Acquisition.AcquisitionOffer> AcquisitionOffers => Set<Acquisition.AcquisitionOffer>();

    public DbSet<Acquisition.PatentPackage> PatentPackages => Set<Acquisition.PatentPackage>();

    public DbSet<Acquisition.PackagedPatent> PackagedPatents => Set<Acquisition.PackagedPatent>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict<Guid>();
        builder.ApplyConfigurationsFromAssembly(typeof(MarketplaceDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Time is UTC inside: every DateTime read back is marked UTC, whatever the provider stored.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

/// <summary>The embedded default; migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteMarketplaceDbContext(DbContextOptions<SqliteMarketplaceDbContext> options) : MarketplaceDbContext(options);

/// <summary>PostgreSQL at scale; migrations in Data/Migrations/PostgreSql.</summary>
public sealed class PostgreSqlMarketplaceDbContext(DbContextOptions<PostgreSqlMarketplaceDbContext> options) : MarketplaceDbContext(options);
