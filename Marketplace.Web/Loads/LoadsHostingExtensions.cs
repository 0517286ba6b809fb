using Marketplace.Web.Accounts;
using Marketplace.Web.Exports;
using Marketplace.Web.Jobs;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Loads;

/// <summary>Loading from the browser (issue 15 §2): operators upload files, which load as durable background jobs.</summary>
public static class LoadsHostingExtensions
{
    public static IHostApplicationBuilder AddLoads(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LoadsOptions>().BindConfiguration(LoadsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LoadFolders>();
        builder.Services.AddScoped<LoadJobService>();
        builder.Services.AddSingleton<QuarantineTable>();
        builder.Services.AddSingleton<IJobResume, LoadsResume>();
        // PostConfigure: Razor Pages' own setup replaces the convention collection (see NeedsHostingExtensions).
        builder.Services.PostConfigure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Loads/Admin", StaffAccess.OperatorPolicy));
        return builder;
    }

    public static IEndpointRouteBuilder MapLoads(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/loads/upload", LoadUploadEndpoint.UploadAsync)
            .RequireAuthorization(StaffAccess.OperatorPolicy)
            // The endpoint reads the multipart body itself, streaming, and checks the token before the file.
            .DisableAntiforgery()
            .ExcludeFromDescription();
        app.MapGet("/admin/loads/{id:guid}/quarantine.{format}", DownloadQuarantineAsync)
            .RequireAuthorization(StaffAccess.OperatorPolicy)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The quarantine as CSV or Excel (a table to read and fix), or as the loader's own JSON Lines file, which
    /// loads again once its raw values are fixed (upload it like any export).
    /// </summary>
    private static async Task DownloadQuarantineAsync(Guid id, string format, HttpContext http, LoadJobService jobs, QuarantineTable quarantine,
        LoadFolders folders, IStringLocalizer<SharedResource> L)
    {
        var job = await jobs.FindAsync(id, http.RequestAborted);
        if (job is null)
        {
            await Results.NotFound().ExecuteAsync(http);
            return;
        }
        var stem = $"quarantine-{Path.GetFileNameWithoutExtension(job.FileName)}";
        if (format == "jsonl")
        {
            http.Response.ContentType = "application/x-ndjson; charset=utf-8";
            http.Response.Headers.ContentDisposition = ContentDisposition(stem + ".jsonl");
            var folder = folders.QuarantineFolder(id);
            if (!Directory.Exists(folder)) return;
            foreach (var file in Directory.EnumerateFiles(folder, "quarantine-*.jsonl").Order(StringComparer.Ordinal))
            {
                await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.Asynchronous);
                await input.CopyToAsync(http.Response.Body, http.RequestAborted);
            }
            return;
        }
        TableFormat? table = format switch { "csv" => TableFormat.Csv, "xlsx" => TableFormat.Xlsx, _ => null };
        if (table is not { } f)
        {
            await Results.NotFound().ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = TableExport.ContentType(f);
        http.Response.Headers.ContentDisposition = ContentDisposition($"{stem}.{TableExport.Extension(f)}");
        await QuarantineTable.Export(L).WriteAsync(f, quarantine.RowsAsync(id, http.RequestAborted), http.Response.Body, http.RequestAborted);
    }

    private static string ContentDisposition(string fileName) =>
        new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileNameStar = fileName, FileName = "quarantine" + Path.GetExtension(fileName) }.ToString();
}
