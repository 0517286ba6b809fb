using System.Diagnostics;

namespace Search.Indexer.Tests.Support;

/// <summary>A fact that mounts a file system, so it needs root; skipped, with that reason, for anyone else.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
            Skip = "Mounting the small tmpfs that fills up needs root (CI and test.sh run as root).";
    }
}

/// <summary>Runs mount and umount for the disk-full tests (also linked into the web tests).</summary>
public static class Mounts
{
    /// <summary>A tmpfs of <paramref name="size"/> (e.g. "2m") on <paramref name="folder"/>.</summary>
    public static void Tmpfs(string folder, string size) => Run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", folder);

    /// <summary>The tmpfs on <paramref name="folder"/> grown or shrunk to <paramref name="size"/>, keeping its files.</summary>
    public static void Resize(string folder, string size) => Run("mount", "-o", "remount,size=" + size, folder);

    public static void Unmount(string folder) => Run("umount", "-l", folder);

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {error}");
    }
}
