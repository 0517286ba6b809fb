using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// One walk of a journey at one screen width. Every page the walk opens is watched for console errors and
/// Content-Security-Policy violations from its first navigation; <see cref="CheckAsync"/> runs axe-core on the page
/// as it stands (serious and critical violations count), looks for text in the other language (English sentences on
/// a Chinese walk, Chinese on an English one, data aside), measures sideways overflow on a phone, and leaves a
/// screenshot. <see cref="DisposeAsync"/> closes the contexts; <see cref="AssertClean"/> fails with every problem found.
/// </summary>
public sealed class Walk(JourneySite site, Browser browser, string journey, int width, string culture = Walk.Chinese) : IAsyncDisposable
{
    public const int Phone = 390, Laptop = 1366;
    public const string Chinese = "zh-CN", English = "en";

    private static readonly HashSet<string> Blocking = new(StringComparer.Ordinal) { "serious", "critical" };

    private readonly List<(IBrowserContext Context, PageProblems Problems)> _contexts = [];
    private readonly List<string> _problems = [];
    private int _step;

    public int Width => width;

    public bool IsPhone => width <= Phone;

    /// <summary>What the site says for the English resource key <paramref name="english"/> in this walk's language.</summary>
    public string Text(string english) => site.Text(english, culture);

    /// <summary>A page signed in as the demo account.</summary>
    public async Task<IPage> AsAsync(string email) => await WatchedAsync(await site.SignedInContextAsync(browser.Instance, email, width, culture));

    /// <summary>A page of a visitor who is not signed in.</summary>
    public async Task<IPage> VisitorAsync() => await WatchedAsync(await site.VisitorContextAsync(browser.Instance, width, culture));

    private async Task<IPage> WatchedAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        _contexts.Add((context, await PageProblems.WatchAsync(page)));
        return page;
    }

    /// <summary>Checks the page as it stands: accessibility, overflow at phone width; and leaves a screenshot named after the step.</summary>
    public async Task CheckAsync(IPage page, string step)
    {
        var name = $"journey-{journey}-{culture}-{width}-{++_step:D2}-{step}";
        await page.WaitForLoadStateAsync(LoadState.Load);
        var axe = await page.RunAxe();
        foreach (var violation in axe.Violations.Where(v => v.Impact is not null && Blocking.Contains(v.Impact)))
        {
            var targets = string.Join(" | ", violation.Nodes.Take(4).Select(n => n.Target?.ToString()));
            _problems.Add($"{name} {page.Url}: axe {violation.Impact} {violation.Id}: {violation.Help} at {targets}");
        }
        var document = Html.Parse(await page.ContentAsync());
        var lang = document.DocumentElement.GetAttribute("lang");
        if (lang != culture)
            _problems.Add($"{name} {page.Url}: the page is in {lang}, the walk in {culture}");
        foreach (var foreign in await site.Language.ForeignTextAsync(document, culture))
            _problems.Add($"{name} {page.Url}: not in {culture}: {foreign}");
        if (IsPhone && await PageLayout.OverflowAsync(page) is { } wide)
            _problems.Add($"{name} {page.Url}: wider than {width} px: {wide}");
        await Browser.ScreenshotAsync(page, name, fullPage: true);
    }

    /// <summary>Fails with every axe violation, overflow, console error and policy violation the walk met.</summary>
    public void AssertClean()
    {
        var all = _problems.Concat(_contexts.SelectMany(c => c.Problems.All)).ToList();
        Assert.True(all.Count == 0, $"journey {journey} in {culture} at {width} px:\n" + string.Join("\n", all));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (context, _) in _contexts) await context.CloseAsync();
    }
}
