using System.Globalization;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Infrastructure.Formatting;

/// <summary>
/// Amounts, counts and dates as the ministry prints them, in each language: 6 990 500 DH, 6 990 500 درهم,
/// 6,990,500 MAD; dates dd/MM/yyyy. The culture defaults are not used: fr-MA groups digits with a dot (6.990.500).
/// Digits are always Western.
/// </summary>
public static class PortalFormat
{
    /// <summary>No-break space: a grouped number or "500 DH" is never split across two lines.</summary>
    public const char GroupSeparator = '\u00A0';

    private static readonly NumberFormatInfo SpaceGrouping = new()
    {
        NumberGroupSeparator = GroupSeparator.ToString(),
        NumberDecimalSeparator = ",",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    private static readonly NumberFormatInfo CommaGrouping = new()
    {
        NumberGroupSeparator = ",",
        NumberDecimalSeparator = ".",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    /// <summary>6 990 500 (whole dirhams) or 1 250,50 (with centimes), in the current request's language.</summary>
    public static string Number(long centimes) => Number(centimes, PortalCultures.Current);

    public static string Number(long centimes, string language)
    {
        var format = Grouping(language);
        var dirhams = decimal.Divide(centimes, 100);
        return centimes % 100 == 0
            ? dirhams.ToString("#,##0", format)
            : dirhams.ToString("#,##0.00", format);
    }

    /// <summary>6 990 500 DH.</summary>
    public static string Dirhams(long centimes) => Dirhams(centimes, PortalCultures.Current);

    public static string Dirhams(long centimes, string language) =>
        Number(centimes, language) + (language == PortalCultures.English ? " " : GroupSeparator.ToString()) + CurrencyUnit(language);

    /// <summary>DH, درهم or MAD: the unit in a column header ("Montant (DH)").</summary>
    public static string CurrencyUnit(string language) => language switch
    {
        PortalCultures.Arabic => "درهم",
        PortalCultures.English => "MAD",
        _ => "DH",
    };

    public static string Count(long value) => Count(value, PortalCultures.Current);

    public static string Count(long value, string language) => value.ToString("#,##0", Grouping(language));

    public static string Date(DateOnly? date) =>
        date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string Date(DateTime? date) =>
        date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string Percent(decimal share) => Percent(share, PortalCultures.Current);

    public static string Percent(decimal share, string language) =>
        (share * 100).ToString("0.0", Grouping(language)) + (language == PortalCultures.English ? "" : GroupSeparator.ToString()) + "%";

    private static NumberFormatInfo Grouping(string language) =>
        language == PortalCultures.English ? CommaGrouping : SpaceGrouping;
}
