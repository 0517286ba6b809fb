using Analytics;
using Marketplace.Web.Hosting;
using Marketplace.Web.Operations;
using Search.Indexer;

// Restoring a backup runs without the site (which must not hold the data folder open meanwhile).
if (args is [RestoreCommand.Verb, .. var restoreArgs])
    return await RestoreCommand.RunAsync(restoreArgs, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);

builder.AddSearch();
builder.AddAnalytics();
builder.AddMarketplace();

var app = builder.Build();

app.MapMarketplace();

app.Run();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
