using Analytics;
using Marketplace.Web.Hosting;
using Search.Indexer;

var builder = WebApplication.CreateBuilder(args);

builder.AddSearch();
builder.AddAnalytics();
builder.AddMarketplace();

var app = builder.Build();

app.MapMarketplace();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
