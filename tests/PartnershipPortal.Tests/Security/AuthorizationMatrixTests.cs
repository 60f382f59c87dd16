using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Security;

/// <summary>Every route the portal maps, asked by every kind of user: the answer must be the one the table expects.</summary>
public sealed class AuthorizationMatrixTests(PortalFactory factory, Xunit.Abstractions.ITestOutputHelper? output = null) : IClassFixture<PortalFactory>
{
    public sealed record PortalRoute(string Controller, string Action, string Method, RoutePattern Pattern, bool TakesId)
    {
        public bool HasParameters => Pattern.Parameters.Count > 0;

        public override string ToString() => $"{Method} {Pattern.RawText} ({Controller}.{Action})";
    }

    [Fact]
    public void Every_route_has_an_expectation()
    {
        var missing = Routes().Where(r => !AuthorizationMatrix.Table.ContainsKey(r.Controller))
            .Select(r => r.Controller).Distinct().ToList();
        Assert.True(missing.Count == 0,
            "Controllers without a row in AuthorizationMatrix.Table (say who may open them): " + string.Join(", ", missing));
        Assert.Contains(Routes(), r => r.Controller == "MonEspace");
    }

    [Fact]
    public async Task Every_route_answers_each_identity_as_the_table_expects()
    {
        var clients = await ClientsAsync();
        var failures = new List<string>();
        foreach (var route in Routes())
        {
            var rule = AuthorizationMatrix.RuleFor(route.Controller, route.Action, route.Method);
            var url = await UrlAsync(route, null);
            foreach (var (identity, client) in clients)
            {
                var response = await SendAsync(client, route.Method, url);
                var expected = rule.For(identity);
                if (!Matches(response, expected, route.Method))
                {
                    failures.Add($"{route} as {identity}: expected {expected}, got {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        output?.WriteLine($"{Routes().Count} routes x {clients.Count} identities checked.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task A_second_association_asking_for_the_first_ones_records_gets_what_a_missing_record_gets()
    {
        var clients = await ClientsAsync();
        var other = clients[Identity.OtherAssociation];
        var owner = clients[Identity.Association];
        var checkedRoutes = 0;
        // The public pages (published editions) are nobody's record: anyone, signed in or not, opens them.
        foreach (var route in Routes().Where(r => r.TakesId && r.Method == "GET"
            && AuthorizationMatrix.RuleFor(r.Controller, r.Action, r.Method).Anonymous != Answer.Ok))
        {
            var url = await UrlAsync(route, null);
            var missingUrl = await UrlAsync(route, "999999");
            var answer = await SendAsync(other, "GET", url);
            Assert.True(answer.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden,
                $"{route}: the second association got {(int)answer.StatusCode} for {url}");

            if ((await SendAsync(owner, "GET", url)).StatusCode == HttpStatusCode.OK)
            {
                // The owner opens it, so the stranger must get the very answer a record that does not exist gets.
                var missing = await SendAsync(other, "GET", missingUrl);
                Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
                Assert.Equal(missing.StatusCode, answer.StatusCode);
                Assert.Equal(WithoutTokens(await missing.Content.ReadAsStringAsync()), WithoutTokens(await answer.Content.ReadAsStringAsync()));
                checkedRoutes++;
            }
        }

        Assert.True(checkedRoutes > 0, "No route with an id is open to an association: nothing was compared.");
    }

    /// <summary>
    /// Each malformed address has one right answer per identity, with the French page that says it: an id the route
    /// cannot read is no page at all (404), a well-formed id the user may not ask for is refused (403), a filter that
    /// makes no sense is a bad request (400), and a list with a page number it cannot read shows its first page.
    /// </summary>
    [Theory]
    [InlineData("/MonEspace/Conventions/abc", 404, 404)]
    [InlineData("/MonEspace/Conventions/99999999999999999999", 404, 404)]
    [InlineData("/MonEspace/Conventions/-1", 403, 404)]
    [InlineData("/Users/Edit/pas-un-guid", 404, 404)]
    [InlineData("/Users/Edit/00000000-0000-0000-0000-000000000000", 404, 403)]
    [InlineData("/Users?page=abc&q=%00", 200, 403)]
    [InlineData("/AuditLog?From=pas-une-date&page=-5", 400, 403)]
    [InlineData("/AuditLog?Action=Inconnue", 400, 403)]
    [InlineData("/Error/abc", 404, 404)]
    public async Task Malformed_ids_and_queries_get_their_own_answer_and_French_page(string url, int administrator, int association)
    {
        var clients = await ClientsAsync();
        foreach (var (identity, expected) in new[] { (Identity.Administrator, administrator), (Identity.Association, association) })
        {
            var response = await clients[identity].GetAsync(url);
            var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.True((int)response.StatusCode == expected, $"{url} as {identity}: expected {expected}, got {(int)response.StatusCode}");
            var heading = expected switch
            {
                404 => "Page introuvable",
                403 => "Accès refusé",
                400 => "Requête incorrecte",
                _ => "Comptes",
            };
            Assert.Matches($"<h1[^>]*>\\s*{heading}", html);
            Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        }
    }

    /// <summary>The sign-out form's antiforgery token differs on every page; nothing else may.</summary>
    private static string WithoutTokens(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "");

    private static bool Matches(HttpResponseMessage response, Answer expected, string method) => expected switch
    {
        Answer.Ok => response.StatusCode == (method == "GET" ? HttpStatusCode.OK : HttpStatusCode.BadRequest),
        Answer.Login => SecurityTestKit.IsLoginRedirect(response),
        Answer.Redirect => response.StatusCode == HttpStatusCode.Redirect && !SecurityTestKit.IsLoginRedirect(response),
        Answer.Forbidden => response.StatusCode == HttpStatusCode.Forbidden,
        Answer.NotFound => response.StatusCode == HttpStatusCode.NotFound,
        Answer.BadRequest => response.StatusCode == HttpStatusCode.BadRequest,
        Answer.Conflict => response.StatusCode == HttpStatusCode.Conflict,
        _ => false,
    };

    /// <summary>A request without antiforgery token: an allowed POST is stopped at the token check (400), a refused one earlier.</summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url) => method == "GET"
        ? client.GetAsync(url)
        : client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new FormUrlEncodedContent([]) });

    private async Task<Dictionary<Identity, HttpClient>> ClientsAsync()
    {
        await SecurityTestKit.EnsureOtherAssociationAccountAsync(factory);
        return new Dictionary<Identity, HttpClient>
        {
            [Identity.Anonymous] = SecurityTestKit.AnonymousClient(factory),
            [Identity.Administrator] = await factory.SignedInClientAsync("admin@portail.test"),
            [Identity.Agent] = await factory.SignedInClientAsync("agent@portail.test"),
            [Identity.Manager] = await factory.SignedInClientAsync("manager@portail.test"),
            [Identity.Association] = await factory.SignedInClientAsync("association@portail.test"),
            [Identity.OtherAssociation] = await factory.SignedInClientAsync(SecurityTestKit.OtherAssociationEmail),
            [Identity.Reviewer] = await factory.SignedInClientAsync("evaluateur@portail.test"),
        };
    }

    /// <summary>The route's URL with the controller's sample id (or <paramref name="id"/>) in each parameter.</summary>
    private async Task<string> UrlAsync(PortalRoute route, string? id)
    {
        var sample = id;
        if (sample is null && route.HasParameters)
        {
            var row = AuthorizationMatrix.Table[route.Controller];
            sample = row.SampleId is null ? "1" : await row.SampleId(factory);
        }

        return "/" + string.Join("/", route.Pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter when parameter.Name is "year" => id is null ? "2017" : "1900",
            RoutePatternParameterPart parameter when route.Pattern.RequiredValues.TryGetValue(parameter.Name, out var value) && value is string text => text,
            RoutePatternParameterPart => sample!,
            _ => "",
        }))));
    }

    /// <summary>A route parameter the action reads (not a conventional route's unused {id?}).</summary>
    private static bool TakesId(RoutePattern pattern, ControllerActionDescriptor action) =>
        pattern.Parameters.Any(p => p.Name is not ("controller" or "action") && action.Parameters.Any(a => a.Name == p.Name));

    internal List<PortalRoute> Routes() => factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
        .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching != true)
        .Select(e => (Endpoint: e, Action: e.Metadata.GetMetadata<ControllerActionDescriptor>()))
        .Where(x => x.Action is not null)
        .SelectMany(x => (x.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            .Select(method => new PortalRoute(x.Action!.ControllerName, x.Action.ActionName, method.ToUpper(CultureInfo.InvariantCulture),
                x.Endpoint.RoutePattern, TakesId(x.Endpoint.RoutePattern, x.Action))))
        .Distinct()
        .OrderBy(r => r.Controller, StringComparer.Ordinal).ThenBy(r => r.Action, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
        .ToList();
}
