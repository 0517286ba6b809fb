using System.Globalization;
using System.Text.Json;
using Analytics.Chains;

namespace Analytics.Lifecycle;

/// <summary>A saved model version as the store lists it: its number, folder, manifest and whether it is the active one.</summary>
public sealed record ModelVersion(int Number, string Folder, ChainModelManifest Manifest, bool IsActive);

/// <summary>A training someone asked for and that has not finished yet: kept as a file so a restart runs it.</summary>
public sealed record TrainingRequest(DateTimeOffset RequestedAt, string RequestedBy, string Reason);

/// <summary>
/// The models folder as a store of versions (ADR-020):
/// <code>
/// ModelsPath/versions/0001/ …   one folder per training: chains.zip, fields.zip, subtopics/, manifest.json
/// ModelsPath/versions/.tmp-…/   a training under way (holds a lock file); renamed to its number when complete
/// ModelsPath/active             the active version's number, replaced whole by a rename
/// ModelsPath/training-request.json   a requested training that has not finished
/// </code>
/// A crash mid-training leaves only a temporary folder, which nothing loads and <see cref="CleanUp"/> removes. A
/// folder in the older single-model layout (manifest.json at the top) becomes version 1 the first time it is read.
/// Thread-safe for readers; one process trains at a time (the site, or the command line without a site).
/// </summary>
public sealed class ModelStore
{
    public const string VersionsFolder = "versions";
    public const string ActiveFile = "active";
    public const string RequestFile = "training-request.json";
    private const string TempPrefix = ".tmp-";
    private const string LockFile = ".lock";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _gate = new();

    public ModelStore(string root)
    {
        Root = Path.GetFullPath(root);
        MigrateSingleFolder();
    }

    public string Root { get; }

    private string Versions => Path.Combine(Root, VersionsFolder);

    public static string Name(int version) => version.ToString("0000", CultureInfo.InvariantCulture);

    public string FolderOf(int version) => Path.Combine(Versions, Name(version));

    /// <summary>The active version's number, or null when none is active (nothing trained yet, or the pointer names a missing folder).</summary>
    public int? ActiveVersion()
    {
        var path = Path.Combine(Root, ActiveFile);
        if (!File.Exists(path)) return null;
        string text;
        try { text = File.ReadAllText(path).Trim(); }
        catch (FileNotFoundException) { return null; }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && File.Exists(Path.Combine(FolderOf(n), ChainModel.ManifestFile)) ? n : null;
    }

    /// <summary>Every complete version, newest first; a version whose manifest cannot be read is left out.</summary>
    public IReadOnlyList<ModelVersion> List()
    {
        if (!Directory.Exists(Versions)) return [];
        var active = ActiveVersion();
        var result = new List<ModelVersion>();
        foreach (var dir in Directory.EnumerateDirectories(Versions))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) continue;
            if (Read(n) is { } manifest) result.Add(new ModelVersion(n, dir, manifest, n == active));
        }
        return result.OrderByDescending(v => v.Number).ToList();
    }

    /// <summary>The manifest of a version, or null when it does not exist or cannot be read.</summary>
    public ChainModelManifest? Read(int version)
    {
        try
        {
            return ChainModel.ReadManifest(FolderOf(version));
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Saves a trained model as the next version: written into a temporary folder, then renamed to its number, so
    /// the number's folder is either absent or complete. Returns the version's number; it is not activated here.
    /// </summary>
    public int Save(ChainModel model)
    {
        Directory.CreateDirectory(Versions);
        var temp = Path.Combine(Versions, TempPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        int saved;
        // Held open while the folder is written, so a clean-up in another process leaves a training under way alone.
        using (new FileStream(Path.Combine(temp, LockFile), FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            lock (_gate)
            {
                var number = NextNumber();
                model.Describe(m => m with { Version = number });
                model.Save(temp);
                while (true)
                {
                    try
                    {
                        Directory.Move(temp, FolderOf(number));
                        break;
                    }
                    catch (IOException) when (Directory.Exists(FolderOf(number)))
                    {
                        // Another process took the number meanwhile: take the next one.
                        number = NextNumber();
                        model.Describe(m => m with { Version = number });
                        ChainModel.WriteManifest(temp, model.Manifest);
                    }
                }
                saved = number;
            }
        }
        File.Delete(Path.Combine(FolderOf(saved), LockFile));
        return saved;
    }

    private int NextNumber() =>
        Directory.EnumerateDirectories(Versions).Select(Path.GetFileName)
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .DefaultIfEmpty(0).Max() + 1;

    /// <summary>Makes a complete version the active one: the pointer is written beside and renamed over the old one.</summary>
    public void Activate(int version)
    {
        if (Read(version) is null) throw new ArgumentOutOfRangeException(nameof(version), version, $"Version {version} does not exist in {Versions}.");
        WriteWhole(Path.Combine(Root, ActiveFile), Name(version));
    }

    /// <summary>
    /// Removes what an interrupted training left: temporary folders no training holds. Called when the site starts
    /// and before the command line trains. Returns how many were removed.
    /// </summary>
    public int CleanUp()
    {
        if (!Directory.Exists(Versions)) return 0;
        var removed = 0;
        foreach (var dir in Directory.EnumerateDirectories(Versions, TempPrefix + "*"))
        {
            try
            {
                var lockPath = Path.Combine(dir, LockFile);
                if (File.Exists(lockPath))
                    using (new FileStream(lockPath, FileMode.Open, FileAccess.Write, FileShare.None)) { }
                Directory.Delete(dir, recursive: true);
                removed++;
            }
            catch (IOException)
            {
                // Held by a training under way.
            }
        }
        return removed;
    }

    /// <summary>Asks for a training; the request stays until <see cref="CompleteRequest"/>, so a crash does not lose it. A pending request is kept as it is.</summary>
    public TrainingRequest RequestTraining(string requestedBy, string reason, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (PendingRequest() is { } pending) return pending;
            var request = new TrainingRequest(now, requestedBy, reason);
            Directory.CreateDirectory(Root);
            WriteWhole(Path.Combine(Root, RequestFile), JsonSerializer.Serialize(request, Json));
            return request;
        }
    }

    public TrainingRequest? PendingRequest()
    {
        var path = Path.Combine(Root, RequestFile);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<TrainingRequest>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            // A damaged request still asks for a training.
            return new TrainingRequest(File.GetLastWriteTimeUtc(path), "unknown", "a damaged request file");
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public void CompleteRequest() => File.Delete(Path.Combine(Root, RequestFile));

    private static void WriteWhole(string path, string text)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The older layout (one model in the folder itself) becomes version 1 and is activated; its files then leave the top folder.</summary>
    private void MigrateSingleFolder()
    {
        var legacy = Path.Combine(Root, ChainModel.ManifestFile);
        if (!File.Exists(legacy)) return;
        lock (_gate)
        {
            if (!File.Exists(legacy)) return;
            if (!List().Any())
            {
                Directory.CreateDirectory(Versions);
                var temp = Path.Combine(Versions, TempPrefix + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(temp);
                foreach (var file in Directory.EnumerateFiles(Root).Where(f => Path.GetExtension(f) == ".zip" || Path.GetFileName(f) == ChainModel.ManifestFile))
                    File.Copy(file, Path.Combine(temp, Path.GetFileName(file)));
                var sub = Path.Combine(Root, "subtopics");
                if (Directory.Exists(sub))
                {
                    Directory.CreateDirectory(Path.Combine(temp, "subtopics"));
                    foreach (var file in Directory.EnumerateFiles(sub))
                        File.Copy(file, Path.Combine(temp, "subtopics", Path.GetFileName(file)));
                }
                if (ChainModel.ReadManifest(temp) is { } manifest)
                    ChainModel.WriteManifest(temp, manifest with { Version = 1, Validation = "migrated from the single-folder layout" });
                Directory.Move(temp, FolderOf(1));
                Activate(1);
            }
            // The copy is complete (or an earlier start made it): the old files go, the manifest last.
            var oldSub = Path.Combine(Root, "subtopics");
            if (Directory.Exists(oldSub)) Directory.Delete(oldSub, recursive: true);
            foreach (var file in Directory.EnumerateFiles(Root, "*.zip")) File.Delete(file);
            File.Delete(legacy);
        }
    }
}
