using System.Net;
using System.Text;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Licensing;
using Marketplace.Web.Organizations;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>
/// The real application with the demo data on SQLite, Stripe pointed at a local stub, the demo enterprise
/// and a second enterprise verified, and the university's payout account connected. Each test publishes
/// its own declaration on a fresh patent (<see cref="PublishAsync"/>), so tests do not see each other's licences.
/// </summary>
public class LicensingSite : AccountsSite, IAsyncLifetime
{
    private static int _patents;

    public LicensingSite() : this(StripeStub.Start(), DatabaseProviders.Sqlite)
    {
    }

    protected LicensingSite(StripeStub stripe, string provider, bool stripeConfigured = true, string? dataFolder = null) : base(provider, new Dictionary<string, string?>
    {
        // Without the secret key the site runs as most Chinese deployments do: bank transfer only.
        ["Licensing:StripeSecretKey"] = stripeConfigured ? "sk_test_licensing" : null,
        ["Licensing:StripeWebhookSecret"] = StripeStub.WebhookSecret,
        ["Licensing:StripeApiBase"] = stripe.ApiBase,
        ["Licensing:PlatformFeePercent"] = "3",
        ["Database:SeedDemoData"] = "true",
    }, dataFolder) => Stripe = stripe;

    public StripeStub Stripe { get; }

    public Guid University { get; private set; }

    public Guid Enterprise { get; private set; }

    public Guid SecondEnterprise { get; private set; }

    public Guid UniversityOwner { get; private set; }

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var university = await db.Organizations.SingleAsync(o => o.CreditCode == DemoData.UniversityCode.Value);
        var enterprise = await db.Organizations.SingleAsync(o => o.CreditCode == DemoData.EnterpriseCode.Value);
        var reviewer = await db.Users.SingleAsync(u => u.Email == "operator@demo.patent-marketplace.local");
        if (enterprise.Verification == VerificationStatus.Pending) enterprise.Verify(reviewer.Id, DateTime.UtcNow);
        var owner = await db.Users.SingleAsync(u => u.Email == "enterprise.owner@demo.patent-marketplace.local");
        var second = Organization.Create("泉州第二制造有限公司（测试）", OrganizationType.Enterprise, UnifiedSocialCreditCode.Parse("91350500MA0000004" + UnifiedSocialCreditCode.CheckCharacterFor("91350500MA0000004")), owner.Id, DateTime.UtcNow);
        second.AttachDocument("licence.txt", "text/plain", "x"u8.ToArray(), owner.Id, DateTime.UtcNow);
        second.SubmitForVerification(DateTime.UtcNow);
        second.Verify(reviewer.Id, DateTime.UtcNow);
        db.Organizations.Add(second);
        db.PayoutAccounts.Add(new PayoutAccount(university.Id, "acct_test_university", DateTime.UtcNow));
        await db.SaveChangesAsync();
        University = university.Id;
        Enterprise = enterprise.Id;
        SecondEnterprise = second.Id;
        UniversityOwner = (await db.Users.SingleAsync(u => u.Email == "university.owner@demo.patent-marketplace.local")).Id;
    }

    /// <summary>A new invention of the university in the index.</summary>
    public async Task<string> AddPatentAsync(string? ipc = "G06F16/00", DocumentType type = DocumentType.Invention, LegalStatus status = LegalStatus.InForce, string? title = null)
    {
        var id = $"CN1{Interlocked.Increment(ref _patents) + 90_000_000:D8}A";
        var index = Services.GetRequiredService<IPatentIndex>();
        await index.UpsertAsync([new PatentRecord
        {
            PublicationNumber = PatentNumber.Parse(id),
            DocumentType = type,
            Stage = PublicationStage.Grant,
            LegalStatus = status,
            Titles = [new LocalizedText("zh", title ?? "一种开放许可测试方法 " + id)],
            Applicants = [new Party { Name = "泉州示范大学（演示）" }],
            ApplicationDate = new DateOnly(2022, 1, 10),
            IpcCodes = ipc is null ? [] : [ipc],
        }]);
        await index.CommitAsync();
        return id;
    }

    /// <summary>A published declaration of the university on a fresh patent, through the services as the pages use them.</summary>
    public async Task<OpenLicenseDeclaration> PublishAsync(LicenseFee fee, PaymentChannel channel = PaymentChannel.Online, string? ipc = "G06F16/00")
    {
        var patent = await AddPatentAsync(ipc);
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var declarations = scope.ServiceProvider.GetRequiredService<DeclarationService>();
        var university = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == University);
        var declaration = await declarations.CreateDraftAsync(university, UniversityOwner, [patent]);
        await declarations.SaveTermsAsync(declaration, fee, 2, null, channel, null, new PatenteeAttestations { FeesPaid = true, NoDisputeOrPreservation = true });
        await declarations.SubmitAsync(declaration);
        await declarations.PublishAsync(declaration, Guid.NewGuid(), "KFXK-T-" + patent, DateOnly.FromDateTime(DateTime.UtcNow));
        return declaration;
    }

    /// <summary>The enterprise takes the licence (confirming the terms once), through the service.</summary>
    public async Task<(LicenseOrder Order, bool Created)> TakeAsync(Guid declarationId, Guid licensee, string? requestKey = null)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var declaration = await db.OpenLicenseDeclarations.Include(d => d.Patents).SingleAsync(d => d.Id == declarationId);
        var organization = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == licensee);
        return await scope.ServiceProvider.GetRequiredService<LicenseService>().TakeAsync(declaration, organization, Guid.NewGuid(), requestKey ?? Guid.NewGuid().ToString("N"));
    }

    /// <summary>Starts Checkout for the order and returns the stub's session id.</summary>
    public async Task<string> CheckoutAsync(Guid orderId)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var order = await db.LicenseOrders.SingleAsync(o => o.Id == orderId);
        var declaration = await db.OpenLicenseDeclarations.Include(d => d.Patents).SingleAsync(d => d.Id == order.DeclarationId);
        await scope.ServiceProvider.GetRequiredService<LicenseService>().CheckoutUrlAsync(order, declaration, BaseAddress);
        return order.CheckoutSessionId!;
    }

    public async Task<LicenseOrder> OrderAsync(Guid orderId)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().LicenseOrders.AsNoTracking().SingleAsync(o => o.Id == orderId);
    }

    /// <summary>How many times the organisation's owner was told <paramref name="message"/> with <paramref name="link"/> (each member has their own copy).</summary>
    public async Task<int> NoticesAsync(Guid organizationId, string message, string link)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var owner = await db.Memberships.Where(m => m.OrganizationId == organizationId && m.Role == OrganizationRole.Owner).Select(m => m.UserId).FirstAsync();
        return await db.Notifications.CountAsync(n => n.OrganizationId == organizationId && n.UserId == owner && n.MessageKey == message && n.Link == link);
    }

    /// <summary>Posts a webhook as Stripe would: the raw payload with its signature header.</summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(string payload, string? signature)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, LicensingEndpoints.WebhookPath) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        return await http.SendAsync(request);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LicensingSiteGroup : ICollectionFixture<LicensingSite>
{
    public const string Name = "licensing on SQLite";
}
