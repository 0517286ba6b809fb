using System.Security.Cryptography;
using System.Text.Json;
using Search.Indexer.Records;

namespace Search.Indexer.Loading;

/// <summary>
/// The files already loaded completely into an index, by content hash. A file is recorded only
/// after the commit that made its last record durable, so a load killed half-way reads the file
/// again next time, and a file loaded before is skipped (unless forced) whatever its name.
/// </summary>
public sealed class LoadManifest
{
    private readonly string _path;
    private readonly Dictionary<string, LoadedFile> _files;

    private LoadManifest(string path, Dictionary<string, LoadedFile> files)
    {
        _path = path;
        _files = files;
    }

    public static LoadManifest Open(string path)
    {
        if (!File.Exists(path)) return new LoadManifest(path, new(StringComparer.Ordinal));
        try
        {
            var files = JsonSerializer.Deserialize<List<LoadedFile>>(File.ReadAllText(path), RecordJson.Options) ?? [];
            return new LoadManifest(path, files.ToDictionary(f => f.Sha256, StringComparer.Ordinal));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The load manifest {path} is damaged ({ex.Message}); delete it to reload every file.", ex);
        }
    }

    public LoadedFile? Find(string sha256) => _files.GetValueOrDefault(sha256);

    public void Record(LoadedFile file)
    {
        _files[file.Sha256] = file;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        // Write then rename, so a crash never leaves a half-written manifest.
        var temp = _path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(_files.Values.OrderBy(f => f.LoadedAt).ToList(), RecordJson.Options));
        File.Move(temp, _path, overwrite: true);
    }

    public static string HashFile(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(fs));
    }
}

public sealed record LoadedFile(string Sha256, string Name, long Bytes, string Format, long Records, long Quarantined, DateTimeOffset LoadedAt);
