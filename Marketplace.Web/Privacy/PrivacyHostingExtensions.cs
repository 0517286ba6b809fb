using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Privacy;

/// <summary>Personal information (PIPL): each person's data download, account deletion, and the privacy notice.</summary>
public static class PrivacyHostingExtensions
{
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<PersonalDataExport>();
        builder.Services.AddScoped<AccountDeletion>();
        // The notice is for everyone (it is linked from the sign-up page); the rest is one's own data.
        builder.Services.PostConfigure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Privacy");
            o.Conventions.AllowAnonymousToPage("/Privacy/Notice");
        });
        return builder;
    }
}
