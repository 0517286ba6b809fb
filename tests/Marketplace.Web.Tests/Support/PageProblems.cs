using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Support;

/// <summary>
/// What a browser page complains about while a test walks it: console errors, uncaught script errors and
/// Content-Security-Policy violations (reported by a <c>securitypolicyviolation</c> listener the page gets before
/// its own scripts run), each with the address it happened on.
/// </summary>
public sealed class PageProblems
{
    private readonly List<string> _problems = [];

    private PageProblems()
    {
    }

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_problems) return [.. _problems];
        }
    }

    /// <summary>Starts listening on <paramref name="page"/>; call before its first navigation.</summary>
    public static async Task<PageProblems> WatchAsync(IPage page)
    {
        var problems = new PageProblems();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add($"{page.Url}: console: {message.Text}"); };
        page.PageError += (_, error) => problems.Add($"{page.Url}: page error: {error}");
        await page.ExposeFunctionAsync("reportViolation", (string text) => problems.Add($"{page.Url}: CSP: {text}"));
        await page.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
                window.reportViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
            """);
        return problems;
    }

    private void Add(string problem)
    {
        lock (_problems) _problems.Add(problem);
    }
}
