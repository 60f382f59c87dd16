using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;

namespace PartnershipPortal.Tests.Editions;

/// <summary>The portal with a count of the statements that read the editions, to tell a page rendered from one served from the cache.</summary>
public sealed class EditionQueryCountingFactory : PortalFactory
{
    public EditionQueries Queries { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<PortalDbContext>((_, options) => options.AddInterceptors(Queries)));
    }
}

/// <summary>Counts the statements that read the editions' tables (the public pages' own queries).</summary>
public sealed class EditionQueries : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Seen(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return ValueTask.FromResult(result);
    }

    private void Seen(DbCommand command)
    {
        if (command.CommandText.Contains("BilanEdition", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
        }
    }
}

/// <summary>
/// /Publications is kept in the server's output cache: a second anonymous request reads nothing from the database,
/// each language is its own entry, publishing evicts at once, signed-in readers bypass it, and the rate limit still counts.
/// </summary>
public sealed partial class PublicationCacheTests(EditionQueryCountingFactory factory) : IClassFixture<EditionQueryCountingFactory>
{
    [Fact]
    public async Task A_second_anonymous_request_is_served_from_the_cache_and_a_new_publication_shows_at_once()
    {
        using var anonymous = SecurityTestKit.AnonymousClient(factory);
        var demo = await DemoEditionIdAsync();
        await anonymous.GetStringAsync("/Publications");
        await anonymous.GetStringAsync($"/Publications/{demo}");

        factory.Queries.Reset();
        using var list = await anonymous.GetAsync("/Publications");
        using var page = await anonymous.GetAsync($"/Publications/{demo}");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (list.StatusCode, page.StatusCode));
        Assert.Equal(0, factory.Queries.Count);
        Assert.Contains($"href=\"/Publications/{demo}\"", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // No antiforgery token nor cookie in a page served to every visitor.
        Assert.DoesNotContain("__RequestVerificationToken", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(list.Headers.Contains("Set-Cookie"));

        using var manager = await factory.SignedInClientAsync("manager@portail.test");
        var id = await PublishNewEditionAsync(manager);

        var after = await anonymous.GetStringAsync("/Publications");
        Assert.Contains($"href=\"/Publications/{id}\"", after, StringComparison.Ordinal);
        Assert.True(factory.Queries.Count > 0);
    }

    [Fact]
    public async Task Each_language_is_its_own_entry_whether_it_comes_from_the_address_or_the_cookie()
    {
        using var anonymous = SecurityTestKit.AnonymousClient(factory);
        using var withCookie = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        withCookie.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Dar%7Cuic%3Dar");

        for (var pass = 0; pass < 2; pass++)
        {
            factory.Queries.Reset();
            Assert.Equal(("fr", "Publications du bilan"), Page(await anonymous.GetStringAsync("/Publications")));
            Assert.Equal(("en", "Report publications"), Page(await anonymous.GetStringAsync("/Publications?culture=en")));
            Assert.Equal(("ar", "منشورات الحصيلة"), Page(await withCookie.GetStringAsync("/Publications")));
            if (pass == 1)
            {
                Assert.Equal(0, factory.Queries.Count);
            }
        }

        // The cached page's language picker: a GET that sets the cookie only.
        using var chosen = await anonymous.GetAsync("/Culture/Choose?culture=en&returnUrl=%2FPublications");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/Publications", chosen.Headers.Location?.OriginalString);
        Assert.Contains(chosen.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signed_in_readers_are_neither_served_from_the_cache_nor_stored_in_it()
    {
        using var manager = await factory.SignedInClientAsync("manager@portail.test");
        await manager.GetStringAsync("/Publications");

        factory.Queries.Reset();
        var html = await manager.GetStringAsync("/Publications");

        Assert.True(factory.Queries.Count > 0);
        Assert.Contains("action=\"/Account/Logout\"", html, StringComparison.Ordinal);
        using var anonymous = SecurityTestKit.AnonymousClient(factory);
        Assert.DoesNotContain("action=\"/Account/Logout\"", await anonymous.GetStringAsync("/Publications"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_from_the_cache_still_count_against_the_rate_limit()
    {
        using var limited = new EditionQueryCountingFactory();
        limited.Settings["Security:PublicPermitLimit"] = "3";
        using var anonymous = SecurityTestKit.AnonymousClient(limited);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Publications")).StatusCode);
        limited.Queries.Reset();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Publications")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Publications")).StatusCode);
        Assert.Equal(0, limited.Queries.Count);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync("/Publications")).StatusCode);
    }

    private static (string Language, string Heading) Page(string html) =>
        (LanguagePattern().Match(html).Groups[1].Value, WebUtility.HtmlDecode(HeadingPattern().Match(html).Groups[1].Value).Trim());

    private Task<int> DemoEditionIdAsync() => factory.WithDbAsync(db =>
        db.BilanEditions.Where(e => e.FirstYear == 2017 && e.LastYear == 2018).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync());

    private static async Task<int> PublishNewEditionAsync(HttpClient manager)
    {
        using var created = await manager.PostFormAsync("/Bilan/Editions/Create", "/Bilan/Editions/Create",
        [
            new("Form.FirstYear", "2018"), new("Form.LastYear", "2018"), new("Form.IntroductionFr", "Édition publiée après la mise en cache."),
            new("Form.Version", Guid.Empty.ToString()),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(EditionAddress().Match(created.Headers.Location!.OriginalString).Groups[1].Value, CultureInfo.InvariantCulture);
        using var published = await manager.PostFormAsync($"/Bilan/Editions/{id}", $"/Bilan/Editions/{id}/Publish", []);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        return id;
    }

    [GeneratedRegex(@"/Bilan/Editions/(\d+)$")]
    private static partial Regex EditionAddress();

    [GeneratedRegex("<html lang=\"([a-z]+)\"")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex("<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline)]
    private static partial Regex HeadingPattern();
}
