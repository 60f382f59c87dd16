using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PartnershipPortal.BrowserTests.Infrastructure;

public static class Accessibility
{
    /// <summary>Runs axe-core on the page and fails on any serious or critical violation, naming each.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var serious = await SeriousViolationsAsync(page);
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    /// <summary>axe-core's serious and critical violations on the page, one line each with the page and the first elements.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var width = page.ViewportSize?.Width ?? 0;
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url} at {width} px: {v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
    }
}
