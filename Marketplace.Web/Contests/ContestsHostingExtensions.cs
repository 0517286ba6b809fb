namespace Marketplace.Web.Contests;

public static class ContestsHostingExtensions
{
    /// <summary>High-value patent contests: the services (contest, entries, judging, observers), exports and options (documents folder). Pages carry their own [Authorize].</summary>
    public static IHostApplicationBuilder AddContests(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ContestOptions>()
            .BindConfiguration(ContestOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.DocumentsPath), "Contests:DocumentsPath is required.")
            .ValidateOnStart();
        builder.Services.AddScoped<ContestService>();
        builder.Services.AddScoped<EntryService>();
        builder.Services.AddScoped<JudgingService>();
        builder.Services.AddScoped<ObserverService>();
        builder.Services.AddScoped<ContestExports>();
        return builder;
    }
}
