using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Security;

/// <summary>
/// Every log line of the account-security journeys, at every level and from every category, captured and searched for
/// the secrets those journeys handled: passwords, the reset token, the authenticator key, recovery codes, cookies.
/// </summary>
public sealed partial class LogSecretsTests
{
    [Fact]
    public async Task No_secret_of_the_security_journeys_reaches_any_log_line_at_any_level()
    {
        using var factory = new CapturingFactory();
        factory.Settings["Security:RequireTwoFactorForAdministrators"] = "true";
        var secrets = new List<string> { PortalFactory.DemoPassword };
        var cookies = new List<string>();
        using var client = factory.CreateDefaultClient(new Uri("https://localhost"), new SetCookieRecorder(cookies), new CookieContainerHandler());

        // A wrong password, then the right one.
        const string wrong = "pas-le-bon-mot-de-passe-7731";
        secrets.Add(wrong);
        await SecurityTestKit.TryLoginAsync(client, "agent@portail.test", wrong);
        Assert.Equal(HttpStatusCode.Redirect, (await SecurityTestKit.TryLoginAsync(client, "agent@portail.test", PortalFactory.DemoPassword)).StatusCode);
        await client.PostFormAsync("/", "/Account/Logout", []);

        // A reset link requested, followed, used.
        await client.PostFormAsync("/Account/ForgotPassword", "/Account/ForgotPassword", [new("Email", "agent@portail.test")]);
        var mail = Assert.Single(await factory.MailsAsync());
        var link = new Uri(ResetUrl().Match(mail).Value);
        var query = QueryHelpers.ParseQuery(link.Query);
        var code = query["code"].ToString();
        secrets.Add(code);
        secrets.Add(Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)));
        const string chosen = "une phrase de passe choisie 4412";
        secrets.Add(chosen);
        var reset = await client.PostFormAsync(link.PathAndQuery, "/Account/ResetPassword",
            [new("UserId", query["userId"].ToString()), new("Code", code), new("NewPassword", chosen), new("ConfirmPassword", chosen)]);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        // An administrator enrols an authenticator, gets recovery codes, signs in with one.
        Assert.Equal(HttpStatusCode.Redirect, (await SecurityTestKit.TryLoginAsync(client, "admin@portail.test", PortalFactory.DemoPassword)).StatusCode);
        await client.PostFormAsync("/Account/TwoFactor", "/Account/StartTwoFactor", []);
        var key = SharedKey().Match(WebUtility.HtmlDecode(await client.GetStringAsync("/Account/TwoFactor"))).Groups["key"].Value;
        Assert.False(string.IsNullOrEmpty(key), "The page shows no key.");
        secrets.Add(key);
        secrets.Add(key.Replace(" ", "", StringComparison.Ordinal));
        var enabled = await client.PostFormAsync("/Account/TwoFactor", "/Account/EnableTwoFactor", [new("Code", Totp.Code(key, DateTimeOffset.UtcNow))]);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        var recovery = RecoveryCode().Matches(await client.GetStringAsync("/Account/RecoveryCodes")).Select(m => m.Groups["code"].Value).ToList();
        Assert.Equal(10, recovery.Count);
        secrets.AddRange(recovery);
        await client.PostFormAsync("/", "/Account/Logout", []);
        var first = await SecurityTestKit.TryLoginAsync(client, "admin@portail.test", PortalFactory.DemoPassword);
        Assert.StartsWith("/Account/LoginWithTwoFactor", first.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var withCode = await client.PostFormAsync("/Account/LoginWithRecoveryCode", "/Account/LoginWithRecoveryCode", [new("RecoveryCode", recovery[0])]);
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Users")).StatusCode);

        secrets.AddRange(cookies.Where(c => c.Length >= 16));
        var records = factory.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();

        // The capture is real: the journeys wrote lines at Debug and below, from the framework as from the portal.
        Assert.Contains(records, r => r.Level <= LogLevel.Debug);
        Assert.Contains(records, r => r.Category?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true);
        Assert.True(cookies.Count >= 3, "The journeys received their cookies.");

        var leaks = (
            from record in records
            let text = LineText(record)
            from secret in secrets.Distinct()
            where text.Contains(secret, StringComparison.OrdinalIgnoreCase)
            select $"[{record.Level} {record.Category}] {Excerpt(text, secret)}").Distinct().ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log line(s) hold a secret:\n" + string.Join("\n", leaks.Take(20)));
    }

    private static string LineText(FakeLogRecord record)
    {
        var text = new StringBuilder(record.Message).Append(' ').Append(record.Exception);
        foreach (var (name, value) in record.StructuredState ?? [])
        {
            text.Append(' ').Append(name).Append('=').Append(value);
        }

        foreach (var scope in record.Scopes)
        {
            text.Append(' ').Append(scope);
        }

        return text.ToString();
    }

    private static string Excerpt(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.OrdinalIgnoreCase);
        var start = Math.Max(0, at - 120);
        return text[start..Math.Min(text.Length, at + secret.Length + 40)].Replace(secret, "«SECRET»", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\S+")]
    private static partial Regex ResetUrl();

    [GeneratedRegex("<code class=\"fs-5\" id=\"cle\">(?<key>[a-z0-9 ]+)</code>")]
    private static partial Regex SharedKey();

    [GeneratedRegex(@"<li>(?<code>[A-Z0-9]{5}-[A-Z0-9]{5})</li>")]
    private static partial Regex RecoveryCode();

    /// <summary>The portal with every category at Trace (as an operator turning everything on would) and a capturing logger.</summary>
    private sealed class CapturingFactory : PortalFactory
    {
        public CapturingFactory()
        {
            Settings["Logging:LogLevel:Default"] = "Trace";
            Settings["Logging:LogLevel:Microsoft"] = "Trace";
            Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
            Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Trace";
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddFakeLogging());
        }
    }

    /// <summary>Keeps the value of every cookie the portal sets.</summary>
    private sealed class SetCookieRecorder(List<string> values) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                values.AddRange(cookies.Select(c => c.Split(';')[0].Split('=', 2)[^1]).Where(v => v.Length > 0));
            }

            return response;
        }
    }
}
