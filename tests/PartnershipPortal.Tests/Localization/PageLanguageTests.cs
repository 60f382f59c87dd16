using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Localization;

/// <summary>The main pages rendered in Arabic and English carry no French outside the data people typed.</summary>
public sealed partial class PageLanguageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] StaffPages =
    [
        "/", "/Dashboard", "/Associations", "/Calls", "/Conventions", "/Projects", "/Activities",
        "/Associations/Create", "/Calls/Create", "/Conventions/Create", "/Activities/Create",
        "/Bilan", "/Bilan/2017", "/Account/ChangePassword", "/Account/TwoFactor",
    ];

    private static readonly string[] AdministratorPages = ["/AuditLog", "/Users", "/Users/Create", "/Domains", "/Domains/Create"];

    public static TheoryData<string> Languages => new() { "ar", "en" };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Main_pages_carry_no_French_in_Arabic_and_English(string language)
    {
        var (keys, domains) = await FrenchTextsAsync(language);
        var userData = await UserDataAsync();
        var conventionId = await factory.WithDbAsync(db => db.Conventions.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var pages = new List<(string Email, string Url)> { (null!, "/Account/Login"), (null!, "/Account/ForgotPassword") };
        pages.AddRange(StaffPages.Append($"/Conventions/Details/{conventionId}").Select(u => ("agent@portail.test", u)));
        pages.AddRange(AdministratorPages.Select(u => ("admin@portail.test", u)));
        pages.Add(("association@portail.test", "/MonEspace"));

        // Issue 17: the applications, reviews and selection of the demo open call.
        var callId = await Security.AuthorizationMatrix.DemoOpenCallIdAsync(factory);
        var admissibleId = await Security.AuthorizationMatrix.DemoAdmissibleApplicationIdAsync(factory);
        var draftId = await factory.WithDbAsync(db => db.Applications
            .Where(a => a.Status == PartnershipPortal.Data.Entities.ApplicationStatus.Draft && a.Association!.RegistrationNumber == PartnershipPortal.Data.Seeding.DemoDataSeeder.DemoAssociationRegistrationNumber)
            .Select(a => a.Id).FirstAsync());
        pages.AddRange(new[] { "/Candidatures", $"/Candidatures/{admissibleId}", $"/Selection/Classement/{callId}" }.Select(u => ("manager@portail.test", u)));
        pages.Add(("admin@portail.test", $"/Selection/Preparation/{callId}"));
        pages.Add((null!, "/Inscription"));
        var registrationId = await factory.WithDbAsync(db => db.RegistrationRequests.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        pages.AddRange(new[] { "/Inscriptions", $"/Inscriptions/{registrationId}" }.Select(u => ("admin@portail.test", u)));
        pages.AddRange(new[] { "/MonEspace/Appels", $"/MonEspace/Candidatures/{draftId}", $"/MonEspace/Appels/Candidater?appel={callId}" }.Select(u => ("association@portail.test", u)));
        pages.AddRange(new[] { "/Evaluation", $"/Evaluation/Appels/{callId}", $"/Evaluation/Candidatures/{admissibleId}" }.Select(u => ("evaluateur@portail.test", u)));

        var problems = new List<string>();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (email, url) in pages)
        {
            var client = email is null ? factory.CreateClient() : clients.TryGetValue(email, out var c) ? c : clients[email] = await factory.SignedInClientAsync(email);
            var response = await client.GetAsync(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "culture=" + language);
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"{url}: {(int)response.StatusCode}");
                continue;
            }

            Assert.Contains($"<html lang=\"{language}\" dir=\"{(language == "ar" ? "rtl" : "ltr")}\">", html, StringComparison.Ordinal);
            var text = VisibleText(html, userData);
            var french = keys.Concat(domains);
            problems.AddRange(french.Where(f => text.Contains(f, StringComparison.Ordinal)).Select(f => $"{url}: « {f} »"));
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.True(problems.Count == 0, $"French left on the {language} pages:\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData("ar", "العنوان إجباري.")]
    [InlineData("en", "The title is required.")]
    public async Task A_bad_form_is_shown_again_with_messages_in_the_chosen_language(string language, string expected)
    {
        using var client = await factory.SignedInClientAsync("agent@portail.test");

        var response = await client.PostFormAsync($"/Calls/Create?culture={language}", $"/Calls/Create?culture={language}", [new("Form.Title", ""), new("Form.Year", "abc")]);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.DoesNotContain("L'intitulé est obligatoire.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("n'est pas valide", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ar", "كلمة المرور غير صحيحة.")]
    [InlineData("en", "Incorrect password.")]
    public async Task Identity_errors_come_in_the_chosen_language(string language, string expected)
    {
        using var client = await factory.SignedInClientAsync("manager@portail.test");

        var response = await client.PostFormAsync($"/Account/ChangePassword?culture={language}", $"/Account/ChangePassword?culture={language}",
            [new("CurrentPassword", "pas-le-bon-mot-de-passe"), new("NewPassword", "une phrase assez longue"), new("ConfirmPassword", "une phrase assez longue")]);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Mot de passe incorrect.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reference_data_is_shown_in_the_users_language()
    {
        var association = await factory.WithDbAsync(db => db.Associations.Where(a => a.NameAr != null).OrderBy(a => a.Name).Select(a => new { a.Name, a.NameAr }).FirstAsync());
        var domain = await factory.WithDbAsync(db => db.Domains.OrderBy(d => d.DisplayOrder).Select(d => new { d.NameFr, d.NameAr, d.NameEn }).FirstAsync());
        using var client = await factory.SignedInClientAsync("agent@portail.test");

        var arabic = WebUtility.HtmlDecode(await client.GetStringAsync($"/Associations?culture=ar&q={Uri.EscapeDataString(association.Name)}"));
        var arabicProjects = WebUtility.HtmlDecode(await client.GetStringAsync("/Projects?culture=ar"));
        var englishProjects = WebUtility.HtmlDecode(await client.GetStringAsync("/Projects?culture=en"));
        var frenchProjects = WebUtility.HtmlDecode(await client.GetStringAsync("/Projects?culture=fr"));

        Assert.Contains(association.NameAr!, arabic, StringComparison.Ordinal);
        Assert.Contains(domain.NameAr, arabicProjects, StringComparison.Ordinal);
        Assert.Contains(domain.NameEn, englishProjects, StringComparison.Ordinal);
        Assert.Contains(domain.NameFr, frenchProjects, StringComparison.Ordinal);
        Assert.DoesNotContain(domain.NameFr, englishProjects, StringComparison.Ordinal);
    }

    /// <summary>
    /// French texts that must not appear: every key with at least two words whose translation differs, and the French
    /// names of the intervention domains (the pages show the domains in the user's language).
    /// </summary>
    private async Task<(List<string> Keys, List<string> Domains)> FrenchTextsAsync(string language)
    {
        var translations = LocalizationKeys.Translations(language);
        var keys = LocalizationKeys.UsedInSource()
            .Where(k => translations.TryGetValue(k, out var t) && t != k)
            .Select(k => PlaceholderPart().Split(k).MaxBy(p => p.Length)!.Trim())
            .Where(k => k.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2);
        var domains = await factory.WithDbAsync(db => db.Domains.Select(d => new { d.NameFr, d.NameAr, d.NameEn }).ToListAsync());
        return ([.. keys.Select(Normalize).Distinct(StringComparer.Ordinal)],
            [.. domains.Where(d => d.NameFr != (language == "ar" ? d.NameAr : d.NameEn)).Select(d => Normalize(d.NameFr))]);
    }

    /// <summary>Every text stored by people (names, titles, notes, audit details ...), except the domains' French names.</summary>
    private Task<List<string>> UserDataAsync() => factory.WithDbAsync(async db =>
    {
        var values = new List<string>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.ClrType.Name != "InterventionDomain"))
        {
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string)))
            {
                await using DbCommand command = connection.CreateCommand();
                command.CommandText = $"SELECT DISTINCT \"{property.GetColumnName()}\" FROM \"{entity.GetTableName()}\"";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    if (!reader.IsDBNull(0) && reader.GetString(0).Length >= 4)
                    {
                        values.Add(Normalize(reader.GetString(0)));
                    }
                }
            }
        }

        return values.Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length).ToList();
    });

    private static string VisibleText(string html, IEnumerable<string> userData)
    {
        var body = Regex.Replace(html, "<(script|style)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        body = Regex.Replace(body, "<[^>]+>", "\n");
        var text = string.Join("\n", WebUtility.HtmlDecode(body).Split('\n').Select(Normalize).Where(l => l.Length > 0));
        foreach (var value in userData)
        {
            text = text.Replace(value, "\u0000", StringComparison.Ordinal);
        }

        return text;
    }

    private static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPart();
}
