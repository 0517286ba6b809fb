using Marketplace.Web.Notifications;
using Microsoft.AspNetCore.Authorization;

namespace Marketplace.Web.Organizations;

/// <summary>Organisations: membership, verification, the acting organisation and its authorisation rules.</summary>
public static class OrganizationsHostingExtensions
{
    public static IHostApplicationBuilder AddOrganizations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IAuthorizationHandler, OrganizationAuthorizationHandler>();
        builder.Services.AddScoped<OrganizationService>();
        builder.Services.AddScoped<CurrentOrganization>();
        builder.Services.AddScoped<IOrganizationMembers, OrganizationMembers>();
        return builder;
    }
}
