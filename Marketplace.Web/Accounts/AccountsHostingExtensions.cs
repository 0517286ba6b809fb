using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Accounts;

public static class AccountsHostingExtensions
{
    public const string SessionCookieName = "marketplace.session";

    /// <summary>
    /// People and organisations: ASP.NET Core Identity on the marketplace database (lockout, confirmed
    /// e-mail, TOTP), the staff and organisation policies, e-mail delivery, the audit log, and the Data
    /// Protection key ring in the database so cookies survive restarts and work across replicas.
    /// </summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();

        services.AddDataProtection()
            .SetApplicationName("patent-marketplace")
            .PersistKeysToDbContext<MarketplaceDbContext>();

        services.AddIdentity<MarketplaceUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
                o.SignIn.RequireConfirmedAccount = true;
                o.Password.RequiredLength = 10;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<MarketplaceDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/login";
            o.Cookie.Name = SessionCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // A signed-in person who may not see a page gets 403 and the localised error page, not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffAccess.OperatorPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => StaffAccess.IsOperator(c.User)))
            .AddPolicy(StaffAccess.AdministratorPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => StaffAccess.IsAdministrator(c.User)));

        services.AddOptions<MailOptions>()
            .BindConfiguration(MailOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Delivery is MailDeliveries.Pickup or MailDeliveries.Smtp, "Mail:Delivery must be 'Pickup' or 'Smtp'.")
            .Validate(o => o.Delivery != MailDeliveries.Smtp || !string.IsNullOrWhiteSpace(o.SmtpHost), "Mail:SmtpHost is required when Mail:Delivery is Smtp.")
            .Validate(o => o.Delivery != MailDeliveries.Pickup || !string.IsNullOrWhiteSpace(o.PickupFolder), "Mail:PickupFolder is required when Mail:Delivery is Pickup.")
            .ValidateOnStart();
        services.AddSingleton<PickupFolderMailSender>();
        services.AddSingleton<SmtpMailSender>();
        services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value.Delivery == MailDeliveries.Smtp
            ? sp.GetRequiredService<SmtpMailSender>()
            : sp.GetRequiredService<PickupFolderMailSender>());

        services.AddScoped<AuditLog>();
        services.AddScoped<AccountService>();
        services.AddScoped<PeopleDirectory>();
        return builder;
    }
}
