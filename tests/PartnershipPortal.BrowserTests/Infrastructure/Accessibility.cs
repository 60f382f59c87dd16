using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace PartnershipPortal.BrowserTests.Infrastructure;

public static class Accessibility
{
    /// <summary>
    /// The axe-core rules whose outcome depends on the layout (what overlaps what, what scrolls): at a second width only
    /// these can find something new.
    /// </summary>
    public static readonly IReadOnlyList<string> LayoutRules = ["color-contrast", "scrollable-region-focusable", "meta-viewport"];

    // axe-core as Deque.AxeCore.Commons ships it. Deque.AxeCore.Playwright's RunAxe sends it and every pass and
    // inapplicable rule back and forth on each call (about 2 s a page here); running it directly and returning only the
    // serious violations takes a fraction of that.
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var assembly = typeof(AxeResult).Assembly;
        using var stream = assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is not in Deque.AxeCore.Commons any more.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private const string RunScript =
        """
        async rules => {
          const options = { resultTypes: ['violations'] };
          if (rules) { options.runOnly = { type: 'rule', values: rules }; }
          const result = await axe.run(document, options);
          return result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.html).join(' | ')}`);
        }
        """;

    /// <summary>Runs axe-core on the page and fails on any serious or critical violation, naming each.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var serious = await SeriousViolationsAsync(page);
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    /// <summary>
    /// axe-core's serious and critical violations on the page (all rules, or only <paramref name="rules"/>), one line
    /// each with the page, the width and the first elements.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page, IReadOnlyList<string>? rules = null)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }

        var violations = await page.EvaluateAsync<string[]>(RunScript, rules);
        var width = page.ViewportSize?.Width ?? 0;
        return violations.Select(v => $"{page.Url} at {width} px: {v}").ToList();
    }
}
