using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Foundation;

public sealed class HostingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Health_answers_200_to_anyone_and_says_nothing_more()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    public async Task Anonymous_visitors_open_the_home_and_sign_in_pages(string url)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\"", html, StringComparison.Ordinal);
        Assert.Contains("Se connecter", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_asking_for_any_other_page_are_sent_to_sign_in()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var pages = ProtectedGetRoutes();
        foreach (var url in pages.Append("/Nimporte/Quoi"))
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url} answered {(int)response.StatusCode}");
            Assert.StartsWith("/Account/Login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Stylesheets_and_scripts_of_the_layout_are_served_to_anonymous_visitors()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var html = await client.GetStringAsync("/Account/Login");
        var assets = System.Text.RegularExpressions.Regex.Matches(html, "(?:href|src)=\"(/(?:lib|css|js)/[^\"]+)\"")
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))
            .ToList();

        Assert.Contains(assets, a => a.Contains("bootstrap.min.css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            // As a browser asks: compressed if possible.
            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.AcceptEncoding.ParseAdd("gzip, br");
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100, $"{asset} came back empty");
        }
    }

    [Fact]
    public async Task Demo_accounts_sign_in_with_the_demo_password()
    {
        foreach (var (email, name, home) in new[]
        {
            ("admin@portail.test", "Administrateur de démonstration", "/"),
            ("agent@portail.test", "Agent de démonstration", "/"),
            ("manager@portail.test", "Responsable de démonstration", "/"),
            ("association@portail.test", "Compte association de démonstration", "/MonEspace"),
        })
        {
            // Signed in means the person's own name in the header of the page the account lands on.
            using var client = await factory.SignedInClientAsync(email);
            var response = await client.GetAsync(home);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(name, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Plain_http_is_served_without_redirect_to_https()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Every GET page the portal maps that does not allow anonymous access, with sample route values.</summary>
    private List<string> ProtectedGetRoutes()
    {
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(e => e.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching != true)
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(e => "/" + string.Join("/", e.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter when parameter.Name is "year" => "2017",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter =>
                    (e.RoutePattern.RequiredValues.TryGetValue(parameter.Name, out var v) ? v?.ToString() : null) ?? "1",
                _ => "",
            })))))
            .Distinct()
            .ToList();
    }
}

public sealed class HealthWhenDatabaseIsGoneTests : IDisposable
{
    private readonly PortalFactory _factory = new();

    [Fact]
    public async Task Health_answers_503_when_the_database_does_not_answer()
    {
        // Mode=ReadWrite never creates a file: once it is gone, every connection fails.
        await File.WriteAllBytesAsync(_factory.DatabasePath, []);
        _factory.Settings["ConnectionStrings:Portal"] = _factory.ConnectionString + ";Mode=ReadWrite";
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_factory.DatabasePath)!))
        {
            File.Delete(file);
        }

        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _factory.Dispose();
}

public sealed class StartupWithoutMigrationTests
{
    [Fact]
    public void With_MigrateOnStart_false_the_portal_refuses_an_unmigrated_database_and_names_the_missing_migrations()
    {
        using var factory = new PortalFactory();
        factory.Settings["Database:MigrateOnStart"] = "false";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var message = error.ToString();
        Assert.Contains("MigrateOnStart", message, StringComparison.Ordinal);
        Assert.Contains("_Initial", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_MigrateOnStart_false_a_migrated_database_starts()
    {
        using var factory = new PortalFactory();
        await using (var db = ModelTests.SqliteContext(factory.ConnectionString))
        {
            await db.Database.MigrateAsync();
        }

        factory.Settings["Database:MigrateOnStart"] = "false";
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}

public sealed class ProductionAccountsTests
{
    [Fact]
    public async Task Outside_demo_mode_no_account_exists_until_an_administrator_is_configured()
    {
        using var factory = new PortalFactory();
        factory.Settings["Seed:Demo"] = "false";

        var users = await factory.WithDbAsync(db => db.Users.CountAsync());
        var domains = await factory.WithDbAsync(db => db.Domains.Select(d => d.Code).OrderBy(c => c).ToListAsync());

        Assert.Equal(0, users);
        Assert.Equal(["CAMP", "CULT", "EDU", "HUM"], domains);
    }

    [Fact]
    public async Task The_first_administrator_comes_from_configuration_and_can_sign_in()
    {
        using var factory = new PortalFactory();
        factory.Settings["Seed:Demo"] = "false";
        factory.Settings["Admin:Email"] = "premier.admin@ministere.test";
        factory.Settings["Admin:Password"] = "une phrase de passe assez longue";

        using var client = await factory.SignedInClientAsync("premier.admin@ministere.test", "une phrase de passe assez longue");
        var roles = await factory.WithDbAsync(db => db.UserRoles
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name)
            .ToListAsync());

        Assert.Equal([Roles.Administrator], roles);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Users.CountAsync()));

        var demo = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await demo.PostFormAsync("/Account/Login", "/Account/Login",
            [new("Email", "admin@portail.test"), new("Password", PortalFactory.DemoPassword)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
