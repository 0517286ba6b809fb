using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.Web.Operations;

/// <summary>
/// <c>manifest.json</c> of a backup folder: what was taken, when, from which engine and database, and every file with
/// its size and SHA-256 (also written as <c>SHA256SUMS</c>, so <c>sha256sum -c SHA256SUMS</c> checks a copy anywhere).
/// </summary>
public sealed record BackupManifest
{
    public const string FileName = "manifest.json";
    public const string ChecksumsFileName = "SHA256SUMS";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public int Format { get; init; } = 1;
    public required DateTimeOffset CreatedUtc { get; init; }
    /// <summary>The folder the backup was written to, when it was written (for the operator's record; restore ignores it).</summary>
    public string? Folder { get; init; }
    /// <summary><c>Sqlite</c> (file <c>database/marketplace.db</c>) or <c>PostgreSql</c> (<c>database/marketplace.dump</c>, pg_dump custom format).</summary>
    public required string DatabaseProvider { get; init; }
    public required string DatabaseFile { get; init; }
    /// <summary>The Lucene commit copied, and the records it holds; null when the engine is Elasticsearch (snapshot the cluster).</summary>
    public long? IndexGeneration { get; init; }
    public long? IndexRecords { get; init; }
    public string? IndexNote { get; init; }
    public required IReadOnlyList<BackupFile> Files { get; init; }
    public double Seconds { get; init; }

    public long Bytes => Files.Sum(f => f.Bytes);

    public static async Task<BackupFile> DescribeAsync(string root, string relativePath, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, relativePath);
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new BackupFile(relativePath.Replace('\\', '/'), stream.Length, Convert.ToHexStringLower(hash));
    }

    public static BackupManifest Read(string folder) =>
        JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(Path.Combine(folder, FileName)), Json)
        ?? throw new InvalidDataException($"{Path.Combine(folder, FileName)} is empty.");

    public async Task WriteAsync(string folder, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json), cancellationToken);
        await File.WriteAllLinesAsync(Path.Combine(folder, ChecksumsFileName), Files.Select(f => $"{f.Sha256}  {f.Path}"), cancellationToken);
    }

    /// <summary>Every file missing, changed in size or content, or outside the folder; empty when the backup is intact.</summary>
    public async Task<IReadOnlyList<string>> VerifyAsync(string folder, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var root = Path.GetFullPath(folder);
        foreach (var file in Files)
        {
            var path = Path.GetFullPath(Path.Combine(root, file.Path));
            if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                problems.Add($"{file.Path}: outside the backup folder");
            else if (!File.Exists(path))
                problems.Add($"{file.Path}: missing");
            else if ((await DescribeAsync(root, file.Path, cancellationToken)) is var actual && (actual.Bytes != file.Bytes || actual.Sha256 != file.Sha256))
                problems.Add($"{file.Path}: checksum differs (expected {file.Sha256}, {file.Bytes} bytes; found {actual.Sha256}, {actual.Bytes} bytes)");
        }
        return problems;
    }
}

/// <summary>One file of a backup, its path relative to the backup folder with '/' separators.</summary>
public sealed record BackupFile(string Path, long Bytes, string Sha256);
