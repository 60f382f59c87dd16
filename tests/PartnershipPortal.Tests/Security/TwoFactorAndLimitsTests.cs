using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Security;

public sealed partial class TwoFactorAndLimitsTests
{
    [Fact]
    public async Task With_the_setting_on_an_administrator_must_enrol_an_authenticator_then_signs_in_with_its_code()
    {
        using var factory = new ClockedPortalFactory();
        factory.Settings["Security:RequireTwoFactorForAdministrators"] = "true";
        using var admin = await factory.SignedInClientAsync("admin@portail.test");

        var sent = await admin.GetAsync("/Users");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/Account/TwoFactor", sent.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/")).StatusCode);

        // Other roles are not concerned.
        using var agent = await factory.SignedInClientAsync("agent@portail.test");
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/")).StatusCode);

        await admin.PostFormAsync("/Account/TwoFactor", "/Account/StartTwoFactor", []);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/Account/TwoFactor"));
        var key = SharedKey().Match(page).Groups["key"].Value;
        Assert.False(string.IsNullOrEmpty(key), "The page shows no key.");
        Assert.Contains("otpauth://totp/", page, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,", page, StringComparison.Ordinal);

        var wrong = await admin.PostFormAsync("/Account/TwoFactor", "/Account/EnableTwoFactor", [new("Code", "000000")]);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var enrolmentCode = Totp.Code(key, factory.Clock.GetUtcNow());
        var enabled = await admin.PostFormAsync("/Account/TwoFactor", "/Account/EnableTwoFactor", [new("Code", enrolmentCode)]);
        Assert.Equal("/Account/RecoveryCodes", enabled.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Users")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "admin@portail.test").Select(u => u.TwoFactorEnabled).SingleAsync()));

        // Switching it off is refused while the setting requires it.
        await admin.PostFormAsync("/Account/TwoFactor", "/Account/DisableTwoFactor", []);
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "admin@portail.test").Select(u => u.TwoFactorEnabled).SingleAsync()));

        // The next sign-in asks for a code.
        using var next = SecurityTestKit.AnonymousClient(factory);
        var first = await SecurityTestKit.TryLoginAsync(next, "admin@portail.test", PortalFactory.DemoPassword);
        Assert.StartsWith("/Account/LoginWithTwoFactor", first.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync("/Users")).StatusCode);

        // The code just used to enrol is refused a second time; the next one is accepted.
        var replayed = await next.PostFormAsync("/Account/LoginWithTwoFactor", "/Account/LoginWithTwoFactor",
            [new("Code", enrolmentCode)]);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        var second = await next.PostFormAsync("/Account/LoginWithTwoFactor", "/Account/LoginWithTwoFactor",
            [new("Code", Totp.Code(key, factory.Clock.GetUtcNow().AddSeconds(30)))]);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/Users")).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_new_codes_replace_the_old_ones()
    {
        using var factory = new PortalFactory();
        const string email = "secours@portail.test";
        List<string> codes;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(await SecurityTestKit.NewAccountAsync(factory, email, Roles.Manager, "Secours")))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            codes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!];
        }

        async Task<HttpResponseMessage> WithRecoveryCodeAsync(HttpClient client, string code)
        {
            var first = await SecurityTestKit.TryLoginAsync(client, email, PortalFactory.DemoPassword);
            Assert.StartsWith("/Account/LoginWithTwoFactor", first.Headers.Location?.OriginalString, StringComparison.Ordinal);
            return await client.PostFormAsync("/Account/LoginWithRecoveryCode", "/Account/LoginWithRecoveryCode", [new("RecoveryCode", code)]);
        }

        using var signedIn = SecurityTestKit.AnonymousClient(factory);
        var used = await WithRecoveryCodeAsync(signedIn, codes[0]);
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/Conventions")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SignIn && e.UserName == email && e.Details == "Code de secours")));

        using var again = SecurityTestKit.AnonymousClient(factory);
        var reused = await WithRecoveryCodeAsync(again, codes[0]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("Code de secours incorrect.", WebUtility.HtmlDecode(await reused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // New codes: shown once, and the old unused ones stop working.
        var renewed = await signedIn.PostFormAsync("/Account/TwoFactor", "/Account/NewRecoveryCodes", []);
        Assert.Equal("/Account/RecoveryCodes", renewed.Headers.Location?.OriginalString);
        var shown = Regex.Matches(await signedIn.GetStringAsync("/Account/RecoveryCodes"), "<li>([^<]+)</li>").Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.Equal(10, shown.Count);
        Assert.Empty(shown.Intersect(codes));

        using var old = SecurityTestKit.AnonymousClient(factory);
        Assert.Equal(HttpStatusCode.OK, (await WithRecoveryCodeAsync(old, codes[1])).StatusCode);
        using var fresh = SecurityTestKit.AnonymousClient(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await WithRecoveryCodeAsync(fresh, shown[0])).StatusCode);
    }

    [Fact]
    public async Task In_demo_mode_the_setting_is_off_unless_given()
    {
        using var factory = new PortalFactory();
        using var admin = await factory.SignedInClientAsync("admin@portail.test");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Users")).StatusCode);
        Assert.True(Web.Infrastructure.Security.SecurityServiceCollectionExtensions.ReadSecurityOptions(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).RequireTwoFactorForAdministrators);
    }

    [Fact]
    public async Task Sign_in_and_password_reset_posts_are_rate_limited_per_client()
    {
        using var factory = new PortalFactory();
        factory.Settings["Security:LoginPermitLimit"] = "3";
        factory.Settings["Security:PasswordResetPermitLimit"] = "2";
        using var client = SecurityTestKit.AnonymousClient(factory);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SecurityTestKit.TryLoginAsync(client, "x@portail.test", "mauvais mot de passe")).StatusCode);
        }

        var limited = await SecurityTestKit.TryLoginAsync(client, "agent@portail.test", PortalFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Trop de tentatives", WebUtility.HtmlDecode(await limited.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // The page itself stays open; only the posts are counted.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Account/ForgotPassword", "/Account/ForgotPassword", [new("Email", "y@portail.test")])).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await client.PostFormAsync("/Account/ForgotPassword", "/Account/ForgotPassword", [new("Email", "y@portail.test")])).StatusCode);
    }

    [Fact]
    public async Task Behind_the_local_proxy_each_forwarded_client_has_its_own_limit_and_its_address_is_audited()
    {
        using var factory = new PortalFactory();
        factory.Settings["Security:LoginPermitLimit"] = "2";
        _ = factory.Services;
        HttpClient ViaProxy(string client)
        {
            var http = new HttpClient(factory.Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Loopback))
            {
                BaseAddress = new Uri("https://localhost"),
            };
            http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
            return http;
        }

        using var first = ViaProxy("203.0.113.10");
        using var second = ViaProxy("203.0.113.20");

        // The handler keeps no cookies: carry the antiforgery cookie of the page by hand.
        async Task<HttpStatusCode> LoginAsync(HttpClient client)
        {
            var html = await client.GetAsync("/Account/Login");
            var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
            {
                Content = new FormUrlEncodedContent([new("Email", "proxy@portail.test"), new("Password", "mauvais mot de passe"),
                    new("__RequestVerificationToken", HtmlForms.AntiforgeryToken(await html.Content.ReadAsStringAsync()))]),
            };
            request.Headers.Add("Cookie", string.Join("; ", html.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
            return (await client.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await LoginAsync(first));
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(first));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(first));
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(second));

        var addresses = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.UserName == "proxy@portail.test")
            .Select(e => e.IpAddress).Distinct().ToListAsync());
        Assert.Equal(["203.0.113.10", "203.0.113.20"], addresses.Order());
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_locked_demoted_or_removed()
    {
        using var factory = new PortalFactory();
        using var admin = await factory.SignedInClientAsync("admin@portail.test");
        var adminId = await SecurityTestKit.UserIdAsync(factory, "admin@portail.test");
        var edit = $"/Users/Edit/{adminId}";

        var locked = await admin.PostFormAsync(edit, $"/Users/Lock/{adminId}", []);
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        var demoted = await admin.PostFormAsync(edit, edit,
            [new("Email", "admin@portail.test"), new("FullName", "Admin"), new("Role", Roles.Agent)]);
        Assert.Equal(HttpStatusCode.Redirect, demoted.StatusCode);
        var removed = await admin.PostFormAsync(edit, $"/Users/Delete/{adminId}", []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        var state = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == adminId).Select(u => new
        {
            u.LockoutEnd,
            Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToList(),
        }).SingleOrDefaultAsync());
        Assert.NotNull(state);
        Assert.Null(state.LockoutEnd);
        Assert.Equal([Roles.Administrator], state.Roles);
        Assert.Contains("dernier administrateur", WebUtility.HtmlDecode(await admin.GetStringAsync("/Users")), StringComparison.Ordinal);

        // With a second administrator, the first may be demoted.
        var agentId = await SecurityTestKit.UserIdAsync(factory, "agent@portail.test");
        await admin.PostFormAsync($"/Users/Edit/{agentId}", $"/Users/Edit/{agentId}",
            [new("Email", "agent@portail.test"), new("FullName", "Agent promu"), new("Role", Roles.Administrator)]);
        await admin.PostFormAsync(edit, edit, [new("Email", "admin@portail.test"), new("FullName", "Admin"), new("Role", Roles.Agent)]);
        var roles = await factory.WithDbAsync(db => db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync());
        Assert.Contains(roles, r => r.UserId == adminId && r.Name == Roles.Agent);
        Assert.Contains(roles, r => r.UserId == agentId && r.Name == Roles.Administrator);
    }

    [GeneratedRegex("<code class=\"fs-5\" id=\"cle\">(?<key>[a-z0-9 ]+)</code>")]
    private static partial Regex SharedKey();
}
