using System.Security.Claims;
using System.Security.Cryptography;
using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Search.Indexer.Readers;

namespace Marketplace.Web.Loads;

/// <summary>
/// <c>POST /admin/loads/upload</c>: streams the one file of a multipart form to the job's folder, hashing it
/// (SHA-256) as it is written, so a gigabyte export never sits in memory; checks it (size, format, a .zip's
/// contents) and queues a load, or sends the operator back to the upload page with the reason. The antiforgery
/// token must come before the file in the form, so it is checked before a byte of the file is stored.
/// </summary>
internal static class LoadUploadEndpoint
{
    /// <summary>Room for the multipart boundaries and the form's other fields around the file.</summary>
    private const long FormOverhead = 1 << 20;

    private const string TokenField = "__RequestVerificationToken";

    public static async Task<IResult> UploadAsync(HttpContext http, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions,
        IOptions<LoadsOptions> options, LoadFolders folders, ReaderCatalog catalog, LoadJobService jobs, TimeProvider clock, ILogger<LoadJob> logger)
    {
        var limits = options.Value;
        // Only this endpoint accepts bodies this large; every other keeps Kestrel's default.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            bodyLimit.MaxRequestBodySize = limits.MaxUploadBytes + FormOverhead;
        if (http.Request.ContentLength > limits.MaxUploadBytes + FormOverhead) return Refused(UploadRefusal.TooLarge);

        var boundary = MultipartBoundary(http.Request.ContentType);
        if (boundary is null)
        {
            // Not a file upload at all (a plain form): check its token as any form post, then say a file is needed.
            await antiforgery.ValidateRequestAsync(http);
            return Refused(UploadRefusal.NoFile);
        }

        var tokenHeader = antiforgeryOptions.Value.HeaderName ?? "RequestVerificationToken";
        var reader = new MultipartReader(boundary, http.Request.Body);
        var id = Guid.NewGuid();
        var uploadFolder = folders.UploadFolder(id);
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(http.RequestAborted)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                if (!disposition.IsFileDisposition())
                {
                    if (HeaderUtilities.RemoveQuotes(disposition.Name).Value == TokenField)
                        http.Request.Headers[tokenHeader] = await new StreamReader(section.Body).ReadToEndAsync(http.RequestAborted);
                    continue;
                }
                // Throws (400) without a valid token read from the fields before the file.
                await antiforgery.ValidateRequestAsync(http);
                var fileName = SafeFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value is { Length: > 0 } star ? star : HeaderUtilities.RemoveQuotes(disposition.FileName).Value);
                if (fileName is null) return Refused(UploadRefusal.NoFile);

                Directory.CreateDirectory(uploadFolder);
                var path = Path.Combine(uploadFolder, fileName);
                var (bytes, sha256, tooLarge) = await StoreAsync(section.Body, path, limits.MaxUploadBytes, http.RequestAborted);
                var refusal = tooLarge ? UploadRefusal.TooLarge : bytes == 0 ? UploadRefusal.Empty : UploadRefusal.None;
                string? format = null;
                if (refusal == UploadRefusal.None) (format, refusal) = Recognise(path, catalog, limits);
                if (refusal != UploadRefusal.None)
                {
                    DeleteQuietly(folders.JobFolder(id));
                    LogRefused(logger, fileName, refusal);
                    return Refused(refusal);
                }

                var user = http.User;
                var job = new LoadJob(id, StaffAccess.UserId(user)!.Value, user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "",
                    fileName, sha256, bytes, format!, clock.GetUtcNow().UtcDateTime);
                await jobs.QueueAsync(job, http.RequestAborted);
                LogQueued(logger, job.Id, fileName, bytes, format!, sha256);
                return Results.Redirect($"/admin/loads/{job.Id}");
            }
            await antiforgery.ValidateRequestAsync(http);
            return Refused(UploadRefusal.NoFile);
        }
        catch (Exception ex) when (ex is not AntiforgeryValidationException)
        {
            DeleteQuietly(folders.JobFolder(id));
            if (ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }) return Refused(UploadRefusal.TooLarge);
            throw;
        }
        catch (AntiforgeryValidationException)
        {
            DeleteQuietly(folders.JobFolder(id));
            return Results.BadRequest();
        }
    }

    /// <summary>Copies the file to disk with its SHA-256, stopping one byte past the limit.</summary>
    private static async Task<(long Bytes, string Sha256, bool TooLarge)> StoreAsync(Stream body, string path, long maxBytes, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long total = 0;
        await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        int n;
        while ((n = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += n;
            if (total > maxBytes) return (total, "", true);
            hash.AppendData(buffer, 0, n);
            await output.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        return (total, Convert.ToHexStringLower(hash.GetHashAndReset()), false);
    }

    /// <summary>A file the loader reads (by content, not by name), or a .zip with something loadable in it.</summary>
    private static (string? Format, UploadRefusal Refusal) Recognise(string path, ReaderCatalog catalog, LoadsOptions limits)
    {
        var head = new byte[ReaderCatalog.HeadSize];
        int read;
        using (var fs = File.OpenRead(path)) read = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var detection = catalog.Detect(head.AsSpan(0, read));
        if (detection.Reader is { } reader) return (reader.Format, UploadRefusal.None);
        if (!ZipUploads.LooksLikeZip(head.AsSpan(0, read))) return (null, UploadRefusal.UnknownFormat);
        var zip = ZipUploads.Check(path, catalog, limits);
        return zip == UploadRefusal.None ? (LoadJob.ZipFormat, UploadRefusal.None) : (null, zip);
    }

    /// <summary>The name without any folder part, with characters no file system likes replaced; null when nothing is left.</summary>
    internal static string? SafeFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var last = name.Replace('\\', '/').Split('/').Last().Trim();
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(last.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim('.', ' ');
        if (safe.Length > 200) safe = safe[..100] + "…" + safe[^99..];
        return safe.Length == 0 ? null : safe;
    }

    private static string? MultipartBoundary(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(media.Boundary).Value
            : null;

    private static IResult Refused(UploadRefusal refusal) => Results.Redirect($"/admin/loads?refused={UploadRefusals.Code(refusal)}");

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void LogQueued(ILogger logger, Guid id, string fileName, long bytes, string format, string sha256) =>
        logger.LogInformation(new EventId(1410, "LoadQueued"), "Load {JobId} queued: {FileName} ({Bytes} bytes, {Format}, sha256 {Sha256})", id, fileName, bytes, format, sha256);

    private static void LogRefused(ILogger logger, string fileName, UploadRefusal refusal) =>
        logger.LogInformation(new EventId(1411, "UploadRefused"), "Upload of {FileName} refused: {Refusal}", fileName, refusal);
}
