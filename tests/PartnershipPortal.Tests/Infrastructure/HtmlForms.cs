using System.Net;
using System.Text.RegularExpressions;

namespace PartnershipPortal.Tests.Infrastructure;

public static partial class HtmlForms
{
    public static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryInput().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    /// <summary>Posts a form the way a browser would: antiforgery token from the page, cookies kept by the client.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string pageUrl, string postUrl, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync(pageUrl);
        var values = fields.ToList();
        values.Add(new("__RequestVerificationToken", AntiforgeryToken(page)));
        return await client.PostAsync(postUrl, new FormUrlEncodedContent(values));
    }

    /// <summary>A client signed in as <paramref name="email"/>, following no redirects.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this PortalFactory factory, string email, string? password = null)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var response = await client.PostFormAsync("/Account/Login", "/Account/Login",
        [
            new("Email", email),
            new("Password", password ?? PortalFactory.DemoPassword),
        ]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {email} answered {(int)response.StatusCode}.");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
