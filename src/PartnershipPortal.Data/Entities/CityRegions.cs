using System.Text;

namespace PartnershipPortal.Data.Entities;

/// <summary>
/// The region of a Moroccan city (2015 division), for a project's region (docs/decisions/0017-region-of-a-project.md).
/// Kept by hand: it must hold every city of the demo data and of the generate command (tested), and the main cities
/// beyond them. A city it does not know takes the region of the project's association.
/// </summary>
public static class CityRegions
{
    /// <summary>The cities as they are usually written; the lookup ignores case, accents, hyphens and spaces.</summary>
    public static readonly IReadOnlyList<(string City, Region Region)> Known =
    [
        ("Tanger", Region.TangerTetouanAlHoceima), ("Tétouan", Region.TangerTetouanAlHoceima), ("Al Hoceïma", Region.TangerTetouanAlHoceima),
        ("Larache", Region.TangerTetouanAlHoceima), ("Ksar El Kébir", Region.TangerTetouanAlHoceima), ("Chefchaouen", Region.TangerTetouanAlHoceima),
        ("Fnideq", Region.TangerTetouanAlHoceima), ("Martil", Region.TangerTetouanAlHoceima), ("M'diq", Region.TangerTetouanAlHoceima),
        ("Asilah", Region.TangerTetouanAlHoceima), ("Ouazzane", Region.TangerTetouanAlHoceima),
        ("Oujda", Region.Oriental), ("Nador", Region.Oriental), ("Berkane", Region.Oriental), ("Taourirt", Region.Oriental),
        ("Jerada", Region.Oriental), ("Guercif", Region.Oriental), ("Driouch", Region.Oriental), ("Figuig", Region.Oriental),
        ("Zaïo", Region.Oriental), ("Bouarfa", Region.Oriental),
        ("Fès", Region.FesMeknes), ("Meknès", Region.FesMeknes), ("Taza", Region.FesMeknes), ("Ifrane", Region.FesMeknes),
        ("Sefrou", Region.FesMeknes), ("El Hajeb", Region.FesMeknes), ("Taounate", Region.FesMeknes), ("Azrou", Region.FesMeknes),
        ("Boulemane", Region.FesMeknes), ("Moulay Yacoub", Region.FesMeknes),
        ("Rabat", Region.RabatSaleKenitra), ("Salé", Region.RabatSaleKenitra), ("Kénitra", Region.RabatSaleKenitra),
        ("Témara", Region.RabatSaleKenitra), ("Skhirat", Region.RabatSaleKenitra), ("Khémisset", Region.RabatSaleKenitra),
        ("Sidi Kacem", Region.RabatSaleKenitra), ("Sidi Slimane", Region.RabatSaleKenitra), ("Tiflet", Region.RabatSaleKenitra),
        ("Sidi Yahya El Gharb", Region.RabatSaleKenitra),
        ("Béni Mellal", Region.BeniMellalKhenifra), ("Khouribga", Region.BeniMellalKhenifra), ("Khénifra", Region.BeniMellalKhenifra),
        ("Fquih Ben Salah", Region.BeniMellalKhenifra), ("Azilal", Region.BeniMellalKhenifra), ("Kasba Tadla", Region.BeniMellalKhenifra),
        ("Oued Zem", Region.BeniMellalKhenifra),
        ("Casablanca", Region.CasablancaSettat), ("Mohammédia", Region.CasablancaSettat), ("El Jadida", Region.CasablancaSettat),
        ("Settat", Region.CasablancaSettat), ("Berrechid", Region.CasablancaSettat), ("Benslimane", Region.CasablancaSettat),
        ("Sidi Bennour", Region.CasablancaSettat), ("Médiouna", Region.CasablancaSettat), ("Nouaceur", Region.CasablancaSettat),
        ("Azemmour", Region.CasablancaSettat), ("Bouskoura", Region.CasablancaSettat),
        ("Marrakech", Region.MarrakechSafi), ("Safi", Region.MarrakechSafi), ("Essaouira", Region.MarrakechSafi),
        ("El Kelaâ des Sraghna", Region.MarrakechSafi), ("Youssoufia", Region.MarrakechSafi), ("Chichaoua", Region.MarrakechSafi),
        ("Ben Guerir", Region.MarrakechSafi), ("Al Haouz", Region.MarrakechSafi),
        ("Errachidia", Region.DraaTafilalet), ("Ouarzazate", Region.DraaTafilalet), ("Zagora", Region.DraaTafilalet),
        ("Tinghir", Region.DraaTafilalet), ("Midelt", Region.DraaTafilalet), ("Erfoud", Region.DraaTafilalet), ("Rissani", Region.DraaTafilalet),
        ("Agadir", Region.SoussMassa), ("Inezgane", Region.SoussMassa), ("Aït Melloul", Region.SoussMassa), ("Tiznit", Region.SoussMassa),
        ("Taroudant", Region.SoussMassa), ("Tata", Region.SoussMassa), ("Chtouka Aït Baha", Region.SoussMassa), ("Biougra", Region.SoussMassa),
        ("Guelmim", Region.GuelmimOuedNoun), ("Tan-Tan", Region.GuelmimOuedNoun), ("Sidi Ifni", Region.GuelmimOuedNoun), ("Assa", Region.GuelmimOuedNoun),
        ("Laâyoune", Region.LaayouneSakiaElHamra), ("Boujdour", Region.LaayouneSakiaElHamra), ("Smara", Region.LaayouneSakiaElHamra),
        ("Tarfaya", Region.LaayouneSakiaElHamra), ("El Marsa", Region.LaayouneSakiaElHamra),
        ("Dakhla", Region.DakhlaOuedEdDahab), ("Aousserd", Region.DakhlaOuedEdDahab),
    ];

    private static readonly Dictionary<string, Region> ByKey = Known.ToDictionary(c => Key(c.City), c => c.Region, StringComparer.Ordinal);

    /// <summary>The city's region, or null when the map does not know the city.</summary>
    public static Region? Of(string? city) =>
        string.IsNullOrWhiteSpace(city) ? null : ByKey.TryGetValue(Key(city), out var region) ? region : null;

    /// <summary>The region a project takes from its city; the association's when the city is unknown.</summary>
    public static Region Derive(string? city, Region associationRegion) => Of(city) ?? associationRegion;

    /// <summary>"Fès", "fes", "FES " and "Fès-" are one city; "Al Hoceïma" and "Al-Hoceima" too.</summary>
    private static string Key(string city)
    {
        var builder = new StringBuilder(city.Length);
        foreach (var c in city.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
