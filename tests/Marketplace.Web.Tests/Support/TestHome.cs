namespace Marketplace.Web.Tests.Support;

/// <summary>
/// Chromium and ASP.NET Data Protection write under $HOME: the tests give them a temporary one
/// (with XDG_CONFIG_HOME inside it) so nothing lands in the real home folder.
/// </summary>
public static class TestHome
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var home = Path.Combine(Path.GetTempPath(), "marketplace-web-tests-home-" + Environment.ProcessId);
        Directory.CreateDirectory(Path.Combine(home, ".config"));
        Environment.SetEnvironmentVariable("HOME", home);
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", Path.Combine(home, ".config"));
        return home;
    });

    public static string EnsureIsolated() => Folder.Value;
}
