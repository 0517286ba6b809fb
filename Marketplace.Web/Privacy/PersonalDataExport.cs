using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Web.Accounts;
using Marketplace.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Privacy;

/// <summary>
/// Everything the platform holds about one person, as one JSON document (PIPL Art. 45: the right to a copy): the
/// account, organisation memberships, the declarations and licences they made, their needs, saved searches and
/// collections, notifications, what they agreed to, and the audit entries by or about them. Secrets (password hash,
/// security stamp, the authenticator key) are never part of it.
/// </summary>
public sealed class PersonalDataExport(MarketplaceDbContext db, UserManager<MarketplaceUser> users, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        // Chinese names stay readable in the file.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<PersonalData> CollectAsync(MarketplaceUser user, CancellationToken ct = default)
    {
        var me = user.Id;
        var email = user.Email ?? "";
        var roles = await users.GetRolesAsync(user);
        var memberships = await (from m in db.Memberships.AsNoTracking()
                                 join o in db.Organizations.AsNoTracking() on m.OrganizationId equals o.Id
                                 where m.UserId == me
                                 select new MembershipData(o.Id, o.Name, o.Type.ToString(), m.Role.ToString(), m.JoinedAt)).ToListAsync(ct);
        var declarations = await db.OpenLicenseDeclarations.AsNoTracking().Where(d => d.CreatedBy == me)
            .Select(d => new DeclarationData(d.Id, d.PatenteeName, d.Status.ToString(), d.CreatedAt, d.SubmittedAt)).ToListAsync(ct);
        var licences = await db.LicenseOrders.AsNoTracking().Where(o => o.RequestedBy == me)
            .Select(o => new LicenceData(o.Id, o.Reference, o.Status.ToString(), o.Payment.ToString(), o.PaymentChannel.ToString(), o.UpfrontFen, o.NotifiedAt, o.PaidAt, o.StartsOn, o.EndsOn))
            .ToListAsync(ct);
        var needs = await db.Needs.AsNoTracking().Where(n => n.AuthorId == me)
            .Select(n => new NeedData(n.Id, n.Title, n.Description, n.Status.ToString(), n.Visibility.ToString(), n.CreatedAt)).ToListAsync(ct);
        var searches = await db.SavedSearches.AsNoTracking().Where(s => s.UserId == me)
            .Select(s => new SavedSearchData(s.Id, s.Name, s.Query, s.AlertsEnabled, s.CreatedAt)).ToListAsync(ct);
        var collections = await db.PatentCollections.AsNoTracking().Where(c => c.UserId == me)
            .Select(c => new CollectionData(c.Id, c.Name, c.CreatedAt,
                db.PatentCollectionItems.Where(i => i.CollectionId == c.Id).Select(i => new CollectionItemData(i.PatentId, i.Note, i.AddedAt)).ToList()))
            .ToListAsync(ct);
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.UserId == me)
            .OrderByDescending(n => n.CreatedAt)
            .Select(n => new NotificationData(n.MessageKey, n.Arguments, n.Link, n.CreatedAt, n.ReadAt, n.EmailedAt)).ToListAsync(ct);
        var delivery = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == me).Select(p => p.Delivery.ToString()).FirstOrDefaultAsync(ct);
        var consents = new List<ConsentData>
        {
            new("privacy-notice", "Registered, having been shown the privacy notice", user.CreatedAt),
        };
        if (delivery is not null) consents.Add(new("notification-delivery", $"Notifications by: {delivery}", null));
        consents.AddRange(searches.Where(s => s.AlertsEnabled).Select(s => new ConsentData("saved-search-alerts", $"Alerts for the saved search '{s.Name}'", s.CreatedAt)));
        consents.AddRange(licences.Select(l => new ConsentData("licence-terms", $"Accepted the declared terms of licence {l.Reference}", l.NotifiedAt)));
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.UserId == me || e.Subject == email)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new AuditData(e.At, e.Action, e.UserName, e.Subject, e.Detail, e.IpAddress)).ToListAsync(ct);

        return new PersonalData(
            clock.GetUtcNow().UtcDateTime,
            new AccountData(user.Id, email, user.DisplayName, user.PhoneNumber, user.EmailConfirmed, user.TwoFactorEnabled, user.CreatedAt, user.CurrentOrganizationId, [.. roles]),
            memberships, declarations, licences, needs, searches, collections, notifications, consents, audit);
    }

    public async Task<byte[]> JsonAsync(MarketplaceUser user, CancellationToken ct = default) =>
        JsonSerializer.SerializeToUtf8Bytes(await CollectAsync(user, ct), Json);
}

public sealed record PersonalData(DateTime ExportedAt, AccountData Account, IReadOnlyList<MembershipData> OrganizationMemberships,
    IReadOnlyList<DeclarationData> Declarations, IReadOnlyList<LicenceData> Licences, IReadOnlyList<NeedData> Needs,
    IReadOnlyList<SavedSearchData> SavedSearches, IReadOnlyList<CollectionData> Collections, IReadOnlyList<NotificationData> Notifications,
    IReadOnlyList<ConsentData> Consents, IReadOnlyList<AuditData> AuditEntries);

public sealed record AccountData(Guid Id, string Email, string DisplayName, string? PhoneNumber, bool EmailConfirmed, bool TwoFactorEnabled,
    DateTime CreatedAt, Guid? ActingForOrganizationId, IReadOnlyList<string> PlatformRoles);

public sealed record MembershipData(Guid OrganizationId, string Organization, string OrganizationType, string Role, DateTime JoinedAt);

public sealed record DeclarationData(Guid Id, string Patentee, string Status, DateTime CreatedAt, DateTime? SubmittedAt);

/// <summary>Amounts in fen (1/100 yuan), as the ledger keeps them.</summary>
public sealed record LicenceData(Guid Id, string Reference, string Status, string Payment, string PaymentChannel, long UpfrontFen,
    DateTime NotifiedAt, DateTime? PaidAt, DateOnly? StartsOn, DateOnly? EndsOn);

public sealed record NeedData(Guid Id, string Title, string Description, string Status, string Visibility, DateTime CreatedAt);

public sealed record SavedSearchData(Guid Id, string Name, string Query, bool AlertsEnabled, DateTime CreatedAt);

public sealed record CollectionData(Guid Id, string Name, DateTime CreatedAt, IReadOnlyList<CollectionItemData> Patents);

public sealed record CollectionItemData(string PatentId, string? Note, DateTime AddedAt);

public sealed record NotificationData(string Message, string Arguments, string Link, DateTime CreatedAt, DateTime? ReadAt, DateTime? EmailedAt);

public sealed record ConsentData(string Kind, string What, DateTime? At);

public sealed record AuditData(DateTime At, string Action, string? By, string? Subject, string? Detail, string? IpAddress);
