using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Search.Indexer;

namespace Marketplace.Web.Loads;

/// <summary>Browser uploads and their load jobs, bound from the "Loads" configuration section.</summary>
public sealed class LoadsOptions
{
    public const string Section = "Loads";

    /// <summary>The largest file accepted, in bytes (4 GiB by default). The request limit is raised to this for the upload endpoint only.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 4L << 30;

    /// <summary>Where uploads, their expanded archives and their quarantine files are kept; empty for <c>uploads</c> beside <c>Search:QuarantinePath</c>.</summary>
    public string? UploadPath { get; set; }

    /// <summary>Files a .zip may hold.</summary>
    [Range(1, int.MaxValue)]
    public int MaxZipEntries { get; set; } = 10_000;

    /// <summary>What a .zip may expand to, in bytes: above this it is refused as a zip bomb.</summary>
    [Range(1, long.MaxValue)]
    public long MaxZipExpandedBytes { get; set; } = 64L << 30;

    /// <summary>Expanded size over compressed size that no patent file reaches (text compresses about 10:1); above it an entry is refused as a zip bomb.</summary>
    [Range(2, int.MaxValue)]
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>Records between commits of a browser load: each commit makes its records durable and labels them, so new patents show their facets within seconds.</summary>
    [Range(1, int.MaxValue)]
    public int CommitEvery { get; set; } = 5_000;
}

/// <summary>The folders of each load job: the upload, a .zip's expanded files, the quarantine.</summary>
public sealed class LoadFolders(IOptions<LoadsOptions> loads, IOptions<SearchOptions> search)
{
    public string Root { get; } = !string.IsNullOrWhiteSpace(loads.Value.UploadPath)
        ? Path.GetFullPath(loads.Value.UploadPath)
        : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(search.Value.QuarantinePath)) ?? Path.GetFullPath("."), "uploads");

    public string JobFolder(Guid id) => Path.Combine(Root, id.ToString("N"));

    public string UploadFolder(Guid id) => Path.Combine(JobFolder(id), "upload");

    public string UploadPath(LoadJob job) => Path.Combine(UploadFolder(job.Id), job.FileName);

    public string ExpandedFolder(Guid id) => Path.Combine(JobFolder(id), "expanded");

    public string QuarantineFolder(Guid id) => Path.Combine(JobFolder(id), "quarantine");
}
