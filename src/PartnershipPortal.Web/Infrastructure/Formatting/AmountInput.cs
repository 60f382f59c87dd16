using System.Globalization;
using System.Text;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Infrastructure.Formatting;

/// <summary>
/// Reads an amount typed in a form the ways agents write it: "12 500", "12500", "12 500,50", "12 500 DH".
/// The result is whole centimes, so no binary fraction ever reaches the database.
/// </summary>
public static class AmountInput
{
    /// <summary>100 000 000 DH, exclusive: far above any grant of the programme, low enough to catch a slipped key.</summary>
    public const long UpperBoundCentimes = 100_000_000L * 100;

    public static bool TryParseCentimes(string? text, out long centimes)
    {
        centimes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var compact = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            // Spaces of every kind, including the no-break spaces the portal itself prints.
            if (!char.IsWhiteSpace(c) && c != '\u00A0' && c != '\u202F')
            {
                compact.Append(c);
            }
        }

        var value = compact.ToString();
        if (value.EndsWith("DH", StringComparison.OrdinalIgnoreCase))
        {
            value = value[..^2];
        }

        var separator = value.IndexOfAny([',', '.']);
        var whole = separator < 0 ? value : value[..separator];
        var fraction = separator < 0 ? "" : value[(separator + 1)..];
        if (whole.Length is 0 or > 12 || fraction.Length > 2 || (separator >= 0 && fraction.Length == 0)
            || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            return false;
        }

        centimes = (long.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture) * 100)
            + (fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(2, '0'), NumberStyles.None, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>The value to put back in an input: "12 500" or "12 500,50", which <see cref="TryParseCentimes"/> reads again.</summary>
    /// <remarks>Always the French form, whatever the page's language: the parser (and the convention page's script) read one form only.</remarks>
    public static string ForInput(long centimes) => PortalFormat.Number(centimes, PortalCultures.French);
}
