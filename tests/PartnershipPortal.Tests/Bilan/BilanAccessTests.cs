using System.Net;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Bilan;

/// <summary>Staff read and export the bilan; association accounts cannot; bad years get a French message, never a 500.</summary>
public sealed class BilanAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/Bilan")]
    [InlineData("/Bilan/2017")]
    [InlineData("/Bilan/2017/Pdf")]
    [InlineData("/Bilan/2017/Excel")]
    public async Task Association_account_is_refused(string url)
    {
        using var client = await factory.SignedInClientAsync("association@portail.test");

        using var response = await client.GetAsync(url);

        // A refused signed-in request answers 403 with the French page, never a file.
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_the_login_page()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/Bilan/2017/Pdf");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("/Account/Login", location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin@portail.test")]
    [InlineData("agent@portail.test")]
    [InlineData("manager@portail.test")]
    public async Task Staff_open_and_export_the_bilan(string email)
    {
        using var client = await factory.SignedInClientAsync(email);

        foreach (var url in new[] { "/Bilan", "/Bilan/2018", "/Bilan/2018/Pdf", "/Bilan/2018/Excel" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode} to {email}.");
        }

        var home = await client.GetStringAsync("/");
        Assert.Contains("href=\"/Bilan\"", home);
    }

    [Fact]
    public async Task Menu_has_no_bilan_entry_for_an_association_account()
    {
        using var client = await factory.SignedInClientAsync("association@portail.test");

        var home = await client.GetStringAsync("/");

        Assert.DoesNotContain("href=\"/Bilan\"", home);
    }

    [Theory]
    [InlineData("/Bilan/abc")]
    [InlineData("/Bilan/99999")]
    [InlineData("/Bilan/1850")]
    [InlineData("/Bilan/2017.5")]
    [InlineData("/Bilan/abc/Pdf")]
    [InlineData("/Bilan/99999/Excel")]
    public async Task Malformed_year_gets_a_clear_French_message(string url)
    {
        using var client = await factory.SignedInClientAsync("agent@portail.test");

        using var response = await client.GetAsync(url);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("n'est pas une année valide", html);
        Assert.Contains("entre 2000 et 2100", html);
    }

    [Fact]
    public async Task Year_without_data_says_so_on_the_page_and_the_exports_answer_not_found()
    {
        using var client = await factory.SignedInClientAsync("agent@portail.test");

        using var page = await client.GetAsync("/Bilan/2030");
        using var pdf = await client.GetAsync("/Bilan/2030/Pdf");
        using var excel = await client.GetAsync("/Bilan/2030/Excel");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("Aucune convention de partenariat comptabilisée pour l'année 2030", html);
        Assert.DoesNotContain("bilan-data", html);
        Assert.Equal(HttpStatusCode.NotFound, pdf.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, excel.StatusCode);
        Assert.Contains("Aucune convention de partenariat comptabilisée pour l'année 2030", WebUtility.HtmlDecode(await pdf.Content.ReadAsStringAsync()));
    }
}
