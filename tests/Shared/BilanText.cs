using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnershipPortal.Tests.Shared;

/// <summary>
/// Reading the bilan's figures out of a page's or a PDF's text. Compiled into both test projects (tests/Shared), so the
/// HTTP tests and the browser journeys read figures the same way.
/// </summary>
internal static partial class BilanText
{
    /// <summary>A count or an amount as the French bilan prints it: 6 990 500.</summary>
    public static string Count(long value) => value.ToString("#,##0", new NumberFormatInfo { NumberGroupSeparator = " " });

    /// <summary>Compatibility forms away (no-break spaces, the "fi" ligature HarfBuzz forms), runs of spaces as one.</summary>
    public static string Normalize(string text) => SpacePattern().Replace(text.Normalize(NormalizationForm.FormKC), " ");

    public static void AssertInOrder(string text, IEnumerable<string> parts)
    {
        var position = 0;
        foreach (var part in parts)
        {
            var found = text.IndexOf(part, position, StringComparison.Ordinal);
            Assert.True(found >= 0, $"« {part} » not found after position {position} in: {text[position..Math.Min(text.Length, position + 400)]}");
            position = found + part.Length;
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpacePattern();
}
