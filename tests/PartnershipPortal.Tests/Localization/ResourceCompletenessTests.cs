namespace PartnershipPortal.Tests.Localization;

public sealed class ResourceCompletenessTests
{
    [Fact]
    public void The_source_has_hundreds_of_keys_so_the_extraction_works()
    {
        var keys = LocalizationKeys.UsedInSource();

        Assert.True(keys.Count > 400, $"only {keys.Count} keys found");
        Assert.Contains("Tableau de bord", keys);
        Assert.Contains("Signée", keys); // a label of RecordText, reached through L[RecordText.Of(...)]
        Assert.Contains("Le mot de passe doit contenir au moins {0} caractères.", keys); // Identity, through l[...]
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public void Every_key_used_in_the_source_has_a_translation(string language)
    {
        var translations = LocalizationKeys.Translations(language);

        var missing = LocalizationKeys.UsedInSource()
            .Where(k => !translations.TryGetValue(k, out var value) || string.IsNullOrWhiteSpace(value))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(missing.Count == 0, $"{missing.Count} key(s) without a {language} translation (python3 tools/l10n.py missing):\n" + string.Join("\n", missing));
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public void Translations_keep_the_placeholders_of_their_key(string language)
    {
        var wrong = LocalizationKeys.Translations(language)
            .Where(t => Placeholders(t.Key) != Placeholders(t.Value))
            .Select(t => $"{t.Key} => {t.Value}")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public void No_resource_file_holds_keys_the_source_no_longer_uses(string language)
    {
        var used = LocalizationKeys.UsedInSource();

        var unused = LocalizationKeys.Translations(language).Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal).ToList();

        Assert.True(unused.Count == 0, $"{unused.Count} unused key(s) in SharedResource.{language}.resx:\n" + string.Join("\n", unused));
    }

    private static string Placeholders(string text) =>
        string.Join(",", System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));
}
