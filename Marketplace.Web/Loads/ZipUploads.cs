using System.IO.Compression;
using Search.Indexer.Readers;

namespace Marketplace.Web.Loads;

/// <summary>
/// A .zip of patent files: checked from its central directory before it is queued (entry count, names that would
/// land outside the folder, expanded size and compression ratio, at least one loadable file), and expanded for
/// the load with the same limits enforced on the bytes actually written, since a directory can lie about sizes.
/// </summary>
public static class ZipUploads
{
    private static readonly byte[] LocalHeader = [0x50, 0x4B, 0x03, 0x04];

    public static bool LooksLikeZip(ReadOnlySpan<byte> head) => head.StartsWith(LocalHeader);

    public static UploadRefusal Check(string path, ReaderCatalog catalog, LoadsOptions limits)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var structure = CheckStructure(zip, limits.MaxZipEntries, limits.MaxZipExpandedBytes, limits.MaxCompressionRatio);
            if (structure != UploadRefusal.None) return structure;
            return zip.Entries.Where(e => !IsFolder(e)).Any(e => IsLoadable(e, catalog)) ? UploadRefusal.None : UploadRefusal.ZipNothingLoadable;
        }
        catch (InvalidDataException)
        {
            return UploadRefusal.ZipDamaged;
        }
    }

    /// <summary>
    /// The archive's directory against the limits: entry count, names that would land outside the folder, expanded size
    /// and compression ratio. Shared with any upload that is a zip inside (Office documents: Uploads/UploadContent).
    /// </summary>
    public static UploadRefusal CheckStructure(ZipArchive zip, int maxEntries, long maxExpandedBytes, int maxCompressionRatio)
    {
        var files = zip.Entries.Where(e => !IsFolder(e)).ToList();
        if (files.Count > maxEntries) return UploadRefusal.ZipTooManyFiles;
        if (zip.Entries.Any(e => !IsSafeName(e.FullName))) return UploadRefusal.ZipUnsafePath;
        long expanded = 0;
        foreach (var e in files)
        {
            expanded += e.Length;
            if (expanded > maxExpandedBytes) return UploadRefusal.ZipBomb;
            if (e.Length > 1 << 20 && e.Length > (long)maxCompressionRatio * Math.Max(1, e.CompressedLength)) return UploadRefusal.ZipBomb;
        }
        return UploadRefusal.None;
    }

    /// <summary>Expands a checked .zip into <paramref name="folder"/> (emptied first), stopping at the limits whatever the directory said.</summary>
    public static void Expand(string path, string folder, LoadsOptions limits, CancellationToken ct)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var root = Directory.CreateDirectory(folder).FullName + Path.DirectorySeparatorChar;
        using var zip = ZipFile.OpenRead(path);
        long written = 0;
        var buffer = new byte[1 << 16];
        foreach (var entry in zip.Entries.Where(e => !IsFolder(e)))
        {
            ct.ThrowIfCancellationRequested();
            var target = Path.GetFullPath(Path.Combine(root, entry.FullName));
            if (!IsSafeName(entry.FullName) || !target.StartsWith(root, StringComparison.Ordinal))
                throw new InvalidDataException($"The archive entry '{entry.FullName}' points outside the folder it is expanded into.");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var input = entry.Open();
            using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
            long entryBytes = 0;
            int n;
            while ((n = input.Read(buffer)) > 0)
            {
                entryBytes += n;
                written += n;
                if (entryBytes > entry.Length || written > limits.MaxZipExpandedBytes)
                    throw new InvalidDataException($"The archive entry '{entry.FullName}' expands beyond what the archive declares or allows.");
                output.Write(buffer, 0, n);
            }
        }
    }

    private static bool IsFolder(ZipArchiveEntry e) => e.FullName.EndsWith('/') && e.Length == 0;

    /// <summary>Relative, forward-slash names only: no root, no drive, no backslash, no <c>..</c> segment.</summary>
    internal static bool IsSafeName(string name) =>
        name.Length > 0
        && !name.StartsWith('/')
        && !name.Contains('\\', StringComparison.Ordinal)
        && !name.Contains(':', StringComparison.Ordinal)
        && !name.Contains('\0', StringComparison.Ordinal)
        && name.Split('/').All(segment => segment is not ".." and not ".");

    private static bool IsLoadable(ZipArchiveEntry e, ReaderCatalog catalog)
    {
        if (e.Length == 0) return false;
        var name = Path.GetFileName(e.FullName);
        if (name.StartsWith('.') || name.EndsWith(".md", StringComparison.OrdinalIgnoreCase)) return false;
        using var stream = e.Open();
        var head = new byte[(int)Math.Min(ReaderCatalog.HeadSize, e.Length)];
        var read = 0;
        int n;
        while (read < head.Length && (n = stream.Read(head, read, head.Length - read)) > 0) read += n;
        return catalog.Detect(head.AsSpan(0, read)).Reader is not null;
    }
}
