using System.Globalization;

namespace PartnershipPortal.Web.Infrastructure.Localization;

public static class PortalCultures
{
    public const string Default = "fr";

    public const string French = "fr";

    public const string Arabic = "ar";

    public const string English = "en";

    public static readonly IReadOnlyList<string> Supported = [French, Arabic, English];

    /// <summary>The portal's language for the current request: fr unless the request chose ar or en.</summary>
    public static string Current => Normalize(CultureInfo.CurrentUICulture.Name);

    public static bool IsRightToLeft(string language) => language == Arabic;

    /// <summary>fr, ar or en; anything else (invariant, en-US of a test thread, a bad cookie) is French.</summary>
    public static string Normalize(string? name) => name switch
    {
        Arabic => Arabic,
        English => English,
        _ => French,
    };

    /// <summary>
    /// The culture a request runs under. Arabic keeps the Gregorian calendar and Western digits, as the ministry writes;
    /// amounts and dates are formatted by PortalFormat in any case, never by the culture defaults.
    /// </summary>
    public static CultureInfo Create(string language)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(language).Clone();
        culture.DateTimeFormat.Calendar = new GregorianCalendar();
        culture.DateTimeFormat.ShortDatePattern = "dd/MM/yyyy";
        culture.NumberFormat.NativeDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        culture.NumberFormat.DigitSubstitution = DigitShapes.None;
        return culture;
    }
}
