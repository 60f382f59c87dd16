using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PartnershipPortal.BrowserTests.Infrastructure;

public static class Accessibility
{
    /// <summary>Runs axe-core on the page and fails on any serious or critical violation, naming each.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
        Assert.True(serious.Count == 0, $"{page.Url}\n" + string.Join("\n", serious));
    }
}
