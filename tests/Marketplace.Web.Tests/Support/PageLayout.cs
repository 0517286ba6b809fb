using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Support;

/// <summary>Layout measurements of the page a browser shows.</summary>
public static class PageLayout
{
    /// <summary>
    /// Null when the document is no wider than the viewport; otherwise how wide it is and the outermost elements
    /// that stick out (to say what to fix), as JSON.
    /// </summary>
    public static async Task<string?> OverflowAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("""
            () => {
                const width = document.documentElement.clientWidth;
                const scroll = document.scrollingElement.scrollWidth;
                if (scroll <= window.innerWidth) return '';
                const wide = [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > width + 1 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > width + 1))
                    .slice(0, 6)
                    .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : ''} (right ${Math.round(e.getBoundingClientRect().right)})`);
                return JSON.stringify({ scroll, wide });
            }
            """);
        return json.Length == 0 ? null : json;
    }
}
