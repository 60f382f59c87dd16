using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PartnershipPortal.Tests.Localization;

/// <summary>
/// The French texts used as localization keys in the portal's source, found the same way as tools/l10n.py, and the
/// translations held by Resources/SharedResource.{ar,en}.resx.
/// </summary>
public static partial class LocalizationKeys
{
    private const string Literal = "\"((?:[^\"\\\\]|\\\\.)*)\"";

    private static readonly Regex[] Patterns =
    [
        new(@"(?<![\w.])(?:L|l|Localizer|localizer|_localizer|T)\[\s*" + Literal),
        new(@"ErrorMessage\s*=\s*" + Literal),
        new(@"\[Display\([^\]]*?Name\s*=\s*" + Literal),
        new(@"Localize\(\s*" + Literal),
        new(@"Quantity\([^,;]+,\s*" + Literal),
        new(@"Quantity\([^,;]+,\s*""[^""]*"",\s*" + Literal),
        new(@"errors\[[^\]]*\]\s*=\s*" + Literal),
        new(@"Outcome\([^;]*?,\s*" + Literal + @"\)"),
        new(@"(?m)^\s*(?:(?!PortalCultures\.)[A-Z]\w*\.\w+|_)\s*=>\s*" + Literal),
    ];

    public static string RepositoryRoot { get; } = FindRoot();

    public static string WebProject => Path.Combine(RepositoryRoot, "src", "PartnershipPortal.Web");

    public static IReadOnlySet<string> UsedInSource()
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(WebProject, "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(WebProject, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var pattern in Patterns)
            {
                foreach (Match match in pattern.Matches(text))
                {
                    found.Add(Regex.Unescape(match.Groups[1].Value));
                }
            }
        }

        return found;
    }

    public static IReadOnlyDictionary<string, string> Translations(string language)
    {
        var path = Path.Combine(WebProject, "Resources", $"SharedResource.{language}.resx");
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>();
        }

        return XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnershipPortal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PartnershipPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
