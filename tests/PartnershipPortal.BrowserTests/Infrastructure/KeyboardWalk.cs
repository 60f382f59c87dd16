using Microsoft.Playwright;

namespace PartnershipPortal.BrowserTests.Infrastructure;

public static class KeyboardWalk
{
    /// <summary>
    /// Presses Tab from the top of the page until the focus leaves it, and returns the visible controls (links, buttons,
    /// fields, focusable regions) that the Tab key never reached, as short HTML excerpts.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UnreachableControlsAsync(IPage page)
    {
        var count = await page.EvaluateAsync<int>(
            """
            () => {
              const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
              const controls = [...document.querySelectorAll(selector)]
                .filter(e => !e.disabled && e.checkVisibility({ visibilityProperty: true }) && !e.closest('template'));
              controls.forEach((e, i) => e.dataset.kbWalk = String(i));
              document.activeElement?.blur();
              window.__kbReached = new Set();
              document.addEventListener('focusin', e => { if (e.target.dataset?.kbWalk) { window.__kbReached.add(e.target.dataset.kbWalk); } });
              // Chromium stops on each part of a date field (day, month, year).
              return controls.length + 2 * controls.filter(e => e.type === 'date').length;
            }
            """);
        // At most one Tab per stop, plus a margin.
        for (var step = 0; step < count + 5; step++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        return await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('[data-kb-walk]')]
              .filter(e => !window.__kbReached.has(e.dataset.kbWalk))
              .map(e => e.outerHTML.slice(0, 160))
            """);
    }
}
