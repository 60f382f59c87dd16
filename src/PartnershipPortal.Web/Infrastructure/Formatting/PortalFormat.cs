using System.Globalization;

namespace PartnershipPortal.Web.Infrastructure.Formatting;

/// <summary>
/// Amounts, counts and dates as the ministry prints them. The culture defaults are not used: fr-MA groups
/// digits with a dot (6.990.500), the ministry with a space (6 990 500 DH).
/// </summary>
public static class PortalFormat
{
    /// <summary>No-break space: a grouped number or "500 DH" is never split across two lines.</summary>
    public const char GroupSeparator = '\u00A0';

    private static readonly NumberFormatInfo Grouping = new()
    {
        NumberGroupSeparator = GroupSeparator.ToString(),
        NumberDecimalSeparator = ",",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    /// <summary>6 990 500 (whole dirhams) or 1 250,50 (with centimes).</summary>
    public static string Number(long centimes)
    {
        var dirhams = decimal.Divide(centimes, 100);
        return centimes % 100 == 0
            ? dirhams.ToString("#,##0", Grouping)
            : dirhams.ToString("#,##0.00", Grouping);
    }

    /// <summary>6 990 500 DH.</summary>
    public static string Dirhams(long centimes) => Number(centimes) + GroupSeparator + "DH";

    public static string Count(long value) => value.ToString("#,##0", Grouping);

    public static string Date(DateOnly? date) =>
        date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string Date(DateTime? date) =>
        date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string Percent(decimal share) =>
        (share * 100).ToString("0.0", Grouping) + GroupSeparator + "%";
}
