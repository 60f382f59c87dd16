namespace PartnershipPortal.Web.Features.Shared.Lists;

/// <summary>What every list reads from its query string: search text, sort column and direction, page.</summary>
public abstract class ListQuery
{
    public static readonly IReadOnlyList<int> PageSizes = [10, 25, 50, 100];

    private int _page = 1;
    private int _pageSize = 25;

    public string? Q { get; set; }

    public string? Sort { get; set; }

    public bool Desc { get; set; }

    public int Page
    {
        get => _page;
        set => _page = Math.Max(1, value);
    }

    public int PageSize
    {
        get => _pageSize;
        set => _pageSize = PageSizes.Contains(value) ? value : 25;
    }

    /// <summary>
    /// The filters (search included) as one text, page and sort left out: the key of the list's kept count and pages. The
    /// values are escaped, so that a search typed with "&amp;" or "=" in it never reads as another filter.
    /// </summary>
    public string FilterKey() =>
        string.Join('&', GetType().GetProperties()
            .Where(p => p.Name is not (nameof(Page) or nameof(PageSize) or nameof(Sort) or nameof(Desc)) && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + Uri.EscapeDataString(Convert.ToString(p.GetValue(this), System.Globalization.CultureInfo.InvariantCulture) ?? "")));

    /// <summary>The search text as a LIKE pattern, wildcards typed by the user taken literally; null when empty.</summary>
    public string? SearchPattern()
    {
        var text = Q?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal);
        return "%" + escaped + "%";
    }
}
