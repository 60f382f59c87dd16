using Microsoft.Playwright;

namespace PartnershipPortal.BrowserTests.Infrastructure;

public static class Charts
{
    /// <summary>
    /// Waits until every chart canvas of the page has been drawn by Chart.js (its animation's onComplete sets
    /// data-rendered) and returns, per canvas id, how many of its pixels are not transparent.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, int>> WaitForChartsAsync(IPage page)
    {
        await page.WaitForFunctionAsync(
            """
            () => {
              const canvases = [...document.querySelectorAll('canvas')];
              return canvases.length > 0
                && canvases.every(c => c.dataset.rendered === 'true' && window.Chart && Chart.getChart(c));
            }
            """);
        var painted = await page.EvaluateAsync<Dictionary<string, int>>(
            """
            () => Object.fromEntries([...document.querySelectorAll('canvas')].map(c => {
              const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let count = 0;
              for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { count++; } }
              return [c.id, count];
            }))
            """);
        return painted;
    }
}
