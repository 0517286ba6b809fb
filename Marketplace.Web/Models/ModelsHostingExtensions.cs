using Marketplace.Web.Accounts;
using Marketplace.Web.Hosting;
using Marketplace.Web.Jobs;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Models;

/// <summary>Model versions (issue 15 §3, issue 16 §6): background training with validation, rollback, value-cohort refresh.</summary>
public static class ModelsHostingExtensions
{
    public static IHostApplicationBuilder AddModels(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelsOptions>().BindConfiguration(ModelsOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Models:PollInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ModelWork>();
        builder.Services.AddRecurringJob<ModelsJob>(ModelsJob.JobName, ModelsJob.Title, sp =>
            sp.GetRequiredService<IOptions<ModelsOptions>>().Value is { Enabled: true } o ? JobSchedule.Interval(o.PollInterval) : null);
        builder.Services.AddScoped<IDailyJob, ScheduledTraining>();
        // PostConfigure: Razor Pages' own setup replaces the convention collection (see NeedsHostingExtensions).
        builder.Services.PostConfigure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Models/Admin", StaffAccess.OperatorPolicy));
        return builder;
    }
}
