using System.Security.Claims;
using Marketplace.Web.Accounts;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Notifications;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Products;

/// <summary>Who records products: the signed-in person and the enterprise they act for (owners and admins record, members see).</summary>
public sealed record ProductActor(Guid UserId, Organization? Enterprise, OrganizationRole? Role)
{
    public bool CanRecord => Enterprise is not null && Role >= OrganizationRole.Admin;

    public static async Task<ProductActor?> ResolveAsync(ClaimsPrincipal user, MarketplaceDbContext db, CancellationToken cancellationToken = default)
    {
        if (StaffAccess.UserId(user) is not { } userId) return null;
        var current = await db.Users.Where(u => u.Id == userId).Select(u => u.CurrentOrganizationId).FirstOrDefaultAsync(cancellationToken);
        Organization? enterprise = null;
        if (current is { } id)
            enterprise = await db.Organizations.Include(o => o.Members).FirstOrDefaultAsync(o => o.Id == id && o.Type == OrganizationType.Enterprise, cancellationToken);
        return new ProductActor(userId, enterprise, enterprise?.MemberOf(userId)?.Role);
    }
}

/// <summary>Approved products and their revenue in one industry chain (a product whose patents serve two chains counts in both).</summary>
public sealed record ProductChainFigure(string? Chain, int Products, decimal RevenueYuan);

/// <summary>Patent-intensive products: recorded by enterprises, reviewed by operators, shown on patent pages, counted and exported.</summary>
public sealed class ProductService(MarketplaceDbContext db, IPatentIndex index, IPatentOwnership ownership, UserManager<MarketplaceUser> users, INotifier notifier, AuditLog audit, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<PatentIntensiveProduct?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.PatentIntensiveProducts.Include(p => p.Patents).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public async Task<IReadOnlyList<PatentIntensiveProduct>> ForOrganizationAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        await db.PatentIntensiveProducts.Include(p => p.Patents).Where(p => p.OrganizationId == organizationId)
            .OrderByDescending(p => p.SubmittedAt).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<PatentIntensiveProduct>> AwaitingReviewAsync(CancellationToken cancellationToken = default) =>
        await db.PatentIntensiveProducts.Include(p => p.Patents).Where(p => p.Status == ProductStatus.Submitted)
            .OrderBy(p => p.SubmittedAt).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<PatentIntensiveProduct>> ApprovedAsync(CancellationToken cancellationToken = default) =>
        await db.PatentIntensiveProducts.Include(p => p.Patents).Where(p => p.Status == ProductStatus.Approved)
            .OrderBy(p => p.OrganizationName).ThenBy(p => p.Name).ToListAsync(cancellationToken);

    /// <summary>Approved products that embody the patent (for its page).</summary>
    public async Task<IReadOnlyList<PatentIntensiveProduct>> ApprovedForPatentAsync(string patentId, CancellationToken cancellationToken = default) =>
        await db.PatentIntensiveProducts.Include(p => p.Patents)
            .Where(p => p.Status == ProductStatus.Approved && p.Patents.Any(x => x.PatentId == patentId))
            .OrderBy(p => p.Name).ToListAsync(cancellationToken);

    /// <summary>
    /// Records a product for review. Every patent must be in the index; a patent claimed on the enterprise's own right
    /// must be the enterprise's (as the portfolio answers ownership); a licensed one is checked by the operator.
    /// </summary>
    public async Task<PatentIntensiveProduct> RecordAsync(ProductActor actor, ProductInput input, CancellationToken cancellationToken = default)
    {
        if (!actor.CanRecord) throw new ProductRuleException(ProductFields.Name, "Only an enterprise's owners and admins record its products.");
        var enterprise = actor.Enterprise!;
        var patents = await PatentsAsync(enterprise, input, cancellationToken);
        var product = PatentIntensiveProduct.Record(enterprise.Id, enterprise.Name, input, patents, actor.UserId, Now);
        db.PatentIntensiveProducts.Add(product);
        audit.Add(ProductAuditActions.Recorded, enterprise.Id, product.Id.ToString(), product.Name);
        await db.SaveChangesAsync(cancellationToken);
        return product;
    }

    /// <summary>
    /// The enterprise corrects a product an operator sent back and submits it again, its patents checked as when recorded;
    /// the operators hear of it, since it is back in their review queue.
    /// </summary>
    public async Task ResubmitAsync(ProductActor actor, PatentIntensiveProduct product, ProductInput input, CancellationToken cancellationToken = default)
    {
        if (!actor.CanRecord || actor.Enterprise!.Id != product.OrganizationId)
            throw new ProductRuleException(ProductFields.Name, "Only an enterprise's owners and admins record its products.");
        var patents = await PatentsAsync(actor.Enterprise, input, cancellationToken);
        product.Resubmit(input, patents, actor.UserId, Now);
        audit.Add(ProductAuditActions.Resubmitted, product.OrganizationId, product.Id.ToString(), product.Name);
        var staff = (await users.GetUsersInRoleAsync(PlatformRoles.Operator)).Concat(await users.GetUsersInRoleAsync(PlatformRoles.Administrator));
        foreach (var reviewer in staff.DistinctBy(u => u.Id))
            await notifier.QueueAsync(Recipient.User(reviewer.Id), "The patent-intensive product {0} was corrected and resubmitted for review.", "/admin/products", product.Name);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
    }

    /// <summary>
    /// The patents a product names, with their facts from the index. Every patent must be in the index; a patent claimed on
    /// the enterprise's own right must be the enterprise's (as the portfolio answers ownership); a licensed one is checked by the operator.
    /// </summary>
    private async Task<List<ProductPatent>> PatentsAsync(Organization enterprise, ProductInput input, CancellationToken cancellationToken)
    {
        var own = Split(input.OwnPatents);
        var licensed = Split(input.LicensedPatents).Where(id => !own.Contains(id)).ToList();
        var records = await index.GetManyAsync([.. own, .. licensed], cancellationToken);
        var patents = new List<ProductPatent>();
        foreach (var (ids, right, field) in new[] { (own, PatentRight.Own, ProductFields.OwnPatents), (licensed, PatentRight.Licensed, ProductFields.LicensedPatents) })
        {
            foreach (var id in ids)
            {
                if (!records.TryGetValue(id, out var record)) throw new ProductRuleException(field, "Patent {0} is not in the index.", id);
                if (right == PatentRight.Own && !(await ownership.CheckAsync(enterprise, record, cancellationToken)).Owns)
                    throw new ProductRuleException(field, "Patent {0} is not the enterprise's own: name it as licensed.", id);
                patents.Add(new ProductPatent(Guid.Empty, id, record.Title("zh") ?? id, right, record.DocumentType == DocumentType.Unknown ? null : record.DocumentType.ToString(),
                    LabelFacets.ValuesOf(record, LabelFacets.Chain).FirstOrDefault()));
            }
        }
        return patents;
    }

    public async Task ApproveAsync(PatentIntensiveProduct product, Guid reviewer, CancellationToken cancellationToken = default)
    {
        product.Approve(reviewer, Now);
        audit.Add(ProductAuditActions.Approved, product.OrganizationId, product.Id.ToString(), product.Name);
        await notifier.QueueAsync(Recipient.Organization(product.OrganizationId), "Your patent-intensive product {0} was approved.", "/products", product.Name);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
    }

    public async Task SendBackAsync(PatentIntensiveProduct product, Guid reviewer, string? reason, CancellationToken cancellationToken = default)
    {
        product.SendBack(reviewer, reason, Now);
        audit.Add(ProductAuditActions.SentBack, product.OrganizationId, product.Id.ToString(), product.ReviewReason);
        await notifier.QueueAsync(Recipient.Organization(product.OrganizationId), "Your patent-intensive product {0} was sent back: see the reason.", "/products", product.Name);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
    }

    /// <summary>Approved products and their revenue by industry chain; products with no labelled chain under null.</summary>
    public async Task<IReadOnlyList<ProductChainFigure>> ByChainAsync(CancellationToken cancellationToken = default)
    {
        var approved = await ApprovedAsync(cancellationToken);
        return [.. approved
            .SelectMany(p => p.Patents.Select(x => x.Chain).Distinct().Select(chain => (Chain: chain, Product: p)))
            .GroupBy(x => x.Chain)
            .Select(g => new ProductChainFigure(g.Key, g.Count(), g.Sum(x => x.Product.SalesRevenueYuan)))
            .OrderByDescending(f => f.RevenueYuan)];
    }

    private static List<string> Split(string? text) =>
        [.. (text ?? "").Split([',', ';', '，', '；', '、', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToUpperInvariant()).Distinct(StringComparer.Ordinal)];
}

public static class ProductAuditActions
{
    public const string Recorded = "products.recorded";
    public const string Approved = "products.approved";
    public const string SentBack = "products.sent-back";
    public const string Resubmitted = "products.resubmitted";
}
