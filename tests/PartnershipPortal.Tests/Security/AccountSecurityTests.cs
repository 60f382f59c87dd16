using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Security;

public sealed partial class AccountSecurityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_one_then_fails_too()
    {
        const string email = "verrou@portail.test";
        await CreateUserAsync(email, Roles.Agent);
        using var client = SecurityTestKit.AnonymousClient(factory);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await SecurityTestKit.TryLoginAsync(client, email, "pas le bon mot de passe");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var right = await SecurityTestKit.TryLoginAsync(client, email, PortalFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("verrouillé", WebUtility.HtmlDecode(await right.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var user = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10));
        var actions = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.UserName == email)
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(4, actions.Count(a => a == AuditActions.SignInFailed));
        Assert.Equal(2, actions.Count(a => a == AuditActions.LockedOut));
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock()
    {
        const string email = "presque@portail.test";
        await CreateUserAsync(email, Roles.Manager);
        using var client = SecurityTestKit.AnonymousClient(factory);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await SecurityTestKit.TryLoginAsync(client, email, "pas le bon mot de passe");
        }

        Assert.Equal(HttpStatusCode.Redirect, (await SecurityTestKit.TryLoginAsync(client, email, PortalFactory.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_rejected_and_changes_nothing()
    {
        using var admin = await factory.SignedInClientAsync("admin@portail.test");
        var managerId = await SecurityTestKit.UserIdAsync(factory, "manager@portail.test");

        var response = await admin.PostAsync($"/Users/Lock/{managerId}", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == managerId).Select(u => u.LockoutEnd).SingleAsync()));

        using var anonymous = SecurityTestKit.AnonymousClient(factory);
        var login = await anonymous.PostAsync("/Account/Login", new FormUrlEncodedContent(
            [new("Email", "admin@portail.test"), new("Password", PortalFactory.DemoPassword)]));
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/page-qui-n-existe-pas")]
    [InlineData("/Error/500")]
    [InlineData("/css/site.css")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://portail.example.ma") });
        var response = await client.GetAsync(url);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_of_a_signed_in_user_are_not_cached_and_the_browser_s_features_are_off()
    {
        using var anonymous = SecurityTestKit.AnonymousClient(factory);
        var login = await anonymous.GetAsync("/Account/Login");
        Assert.Equal("camera=(), microphone=(), geolocation=(), payment=()", Assert.Single(login.Headers.GetValues("Permissions-Policy")));

        // The exports are the signed-in answers without a form: antiforgery, which also forbids caching pages that carry
        // a token, says nothing there, so the portal's own rule is what keeps them out of a shared computer's cache.
        using var agent = await factory.SignedInClientAsync("agent@portail.test");
        foreach (var url in new[] { "/Bilan/2017/Pdf", "/Bilan/2017/Excel", "/Conventions" })
        {
            var response = await agent.GetAsync(url);
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{url} may be cached: {response.Headers.CacheControl}");
            Assert.Equal("camera=(), microphone=(), geolocation=(), payment=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")));
        }
    }

    [Fact]
    public async Task X_Forwarded_Proto_is_believed_from_a_known_proxy_only()
    {
        _ = factory.Services;
        async Task<HttpResponseMessage> ViaAsync(IPAddress from)
        {
            using var http = new HttpClient(factory.Server.CreateHandler(c => c.Connection.RemoteIpAddress = from))
            {
                BaseAddress = new Uri("http://portail.example.ma"),
            };
            var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
            request.Headers.Add("X-Forwarded-Proto", "https");
            return await http.SendAsync(request);
        }

        // From the proxy (loopback by default) the request is known to be HTTPS: HSTS is sent and cookies are Secure.
        var proxied = await ViaAsync(IPAddress.Loopback);
        Assert.True(proxied.Headers.Contains("Strict-Transport-Security"), "No HSTS behind the known proxy.");
        Assert.Contains("secure", proxied.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portail.af=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);

        // From anyone else the header is a claim, not a fact: plain HTTP it stays.
        var direct = await ViaAsync(IPAddress.Parse("203.0.113.77"));
        Assert.False(direct.Headers.Contains("Strict-Transport-Security"), "HSTS on plain HTTP from an unknown client.");
        Assert.DoesNotContain("secure", direct.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portail.af=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pages_have_no_inline_script()
    {
        using var admin = await factory.SignedInClientAsync("admin@portail.test");
        foreach (var url in new[] { "/", "/Users", "/AuditLog", "/Account/TwoFactor", "/Account/ChangePassword", "/Users/Create" })
        {
            var html = await admin.GetStringAsync(url);
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotContain(" onclick=", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_auth_cookie_is_httponly_secure_and_samesite()
    {
        using var client = SecurityTestKit.AnonymousClient(factory);
        var response = await SecurityTestKit.TryLoginAsync(client, "agent@portail.test", PortalFactory.DemoPassword);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portail.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_association_account_lands_on_its_space_and_staff_on_the_home_page()
    {
        using var association = SecurityTestKit.AnonymousClient(factory);
        var response = await SecurityTestKit.TryLoginAsync(association, "association@portail.test", PortalFactory.DemoPassword);
        Assert.Equal("/MonEspace", response.Headers.Location?.OriginalString);

        using var agent = SecurityTestKit.AnonymousClient(factory);
        response = await SecurityTestKit.TryLoginAsync(agent, "agent@portail.test", PortalFactory.DemoPassword);
        Assert.Equal("/", response.Headers.Location?.OriginalString);

        using var redirected = SecurityTestKit.AnonymousClient(factory);
        response = await redirected.PostFormAsync("/Account/Login", "/Account/Login",
            [new("Email", "agent@portail.test"), new("Password", PortalFactory.DemoPassword), new("ReturnUrl", "https://ailleurs.example/")]);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_association_space_shows_its_own_conventions_with_amounts_and_no_one_elses()
    {
        var demoId = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var (own, others) = await factory.WithDbAsync(async db => (
            await db.Conventions.Where(c => c.AssociationId == demoId).Select(c => new { c.Reference, c.TotalCentimes }).ToListAsync(),
            await db.Conventions.Where(c => c.AssociationId != demoId).Select(c => c.Reference).ToListAsync()));
        using var client = await factory.SignedInClientAsync("association@portail.test");

        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/MonEspace"));

        Assert.NotEmpty(own);
        foreach (var convention in own)
        {
            Assert.Contains(convention.Reference, html, StringComparison.Ordinal);
            Assert.Contains(Web.Infrastructure.Formatting.PortalFormat.Dirhams(convention.TotalCentimes), html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(others, html.Contains);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_mailed_link()
    {
        const string email = "oubli@portail.test";
        await CreateUserAsync(email, Roles.Agent);
        using var client = SecurityTestKit.AnonymousClient(factory);

        var asked = await client.PostFormAsync("/Account/ForgotPassword", "/Account/ForgotPassword", [new("Email", email)]);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var link = ResetLink(await MailToAsync(email));

        const string newPassword = "une toute nouvelle phrase";
        var reset = await client.PostFormAsync(link, "/Account/ResetPassword",
        [
            new("UserId", QueryValue(link, "userId")),
            new("Code", QueryValue(link, "code")),
            new("NewPassword", newPassword),
            new("ConfirmPassword", newPassword),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await SecurityTestKit.TryLoginAsync(client, email, PortalFactory.DemoPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SecurityTestKit.TryLoginAsync(client, email, newPassword)).StatusCode);

        // The link works once.
        using var again = SecurityTestKit.AnonymousClient(factory);
        var reused = await again.PostFormAsync(link, "/Account/ResetPassword",
        [
            new("UserId", QueryValue(link, "userId")),
            new("Code", QueryValue(link, "code")),
            new("NewPassword", "encore une autre phrase"),
            new("ConfirmPassword", "encore une autre phrase"),
        ]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("n'est pas valide", WebUtility.HtmlDecode(await reused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_mail()
    {
        using var client = SecurityTestKit.AnonymousClient(factory);
        var unknown = await client.PostFormAsync("/Account/ForgotPassword", "/Account/ForgotPassword", [new("Email", "personne@nulle-part.test")]);
        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.Equal("/Account/Login", unknown.Headers.Location?.OriginalString);
        Assert.DoesNotContain(await factory.MailsAsync(), m => m.Contains("personne@nulle-part.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Administrators_create_an_association_account_only_with_its_association_and_the_user_is_mailed()
    {
        using var admin = await factory.SignedInClientAsync("admin@portail.test");
        const string email = "nouvelle.asso@portail.test";

        var refused = await admin.PostFormAsync("/Users/Create", "/Users/Create",
            [new("Email", email), new("FullName", "Nouvelle association"), new("Role", Roles.Association), new("AssociationId", "")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("rattaché à son association", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));

        var associationId = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var created = await admin.PostFormAsync("/Users/Create", "/Users/Create",
        [
            new("Email", email), new("FullName", "Nouvelle association"), new("Role", Roles.Association),
            new("AssociationId", associationId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var user = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal(associationId, user.AssociationId);
        Assert.Null(user.PasswordHash);
        Assert.Contains("/Account/ResetPassword", await MailToAsync(email), StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e =>
            e.Action == AuditActions.AccountChanged && e.EntityId == user.Id && e.UserName == "admin@portail.test")));
    }

    [Fact]
    public async Task Users_change_their_own_password_only_with_the_current_one()
    {
        const string email = "change@portail.test";
        await CreateUserAsync(email, Roles.Association);
        using var client = await factory.SignedInClientAsync(email);

        var refused = await client.PostFormAsync("/Account/ChangePassword", "/Account/ChangePassword",
            [new("CurrentPassword", "pas le mot de passe actuel"), new("NewPassword", "ma nouvelle phrase secrète"), new("ConfirmPassword", "ma nouvelle phrase secrète")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var tooShort = await client.PostFormAsync("/Account/ChangePassword", "/Account/ChangePassword",
            [new("CurrentPassword", PortalFactory.DemoPassword), new("NewPassword", "court"), new("ConfirmPassword", "court")]);
        Assert.Contains("entre 12 et 128", WebUtility.HtmlDecode(await tooShort.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var changed = await client.PostFormAsync("/Account/ChangePassword", "/Account/ChangePassword",
            [new("CurrentPassword", PortalFactory.DemoPassword), new("NewPassword", "ma nouvelle phrase secrète"), new("ConfirmPassword", "ma nouvelle phrase secrète")]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        // The session that changed it goes on; the old password no longer opens one.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/MonEspace")).StatusCode);
        using var other = SecurityTestKit.AnonymousClient(factory);
        Assert.Equal(HttpStatusCode.OK, (await SecurityTestKit.TryLoginAsync(other, email, PortalFactory.DemoPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SecurityTestKit.TryLoginAsync(other, email, "ma nouvelle phrase secrète")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.PasswordChanged && e.UserName == email)));
    }

    [Fact]
    public async Task The_account_list_is_searched_and_paged()
    {
        for (var i = 1; i <= 23; i++)
        {
            await CreateUserAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"lot-{i:00}@portail.test"), Roles.Manager);
        }

        using var admin = await factory.SignedInClientAsync("admin@portail.test");
        var first = WebUtility.HtmlDecode(await admin.GetStringAsync("/Users?q=lot-")).Replace('\u00A0', ' ');
        Assert.Contains("23 compte(s)", first, StringComparison.Ordinal);
        Assert.Contains("lot-01@portail.test", first, StringComparison.Ordinal);
        Assert.DoesNotContain("lot-21@portail.test", first, StringComparison.Ordinal);
        Assert.DoesNotContain("agent@portail.test", first, StringComparison.Ordinal);

        var second = WebUtility.HtmlDecode(await admin.GetStringAsync("/Users?q=lot-&page=2"));
        Assert.Contains("lot-21@portail.test", second, StringComparison.Ordinal);
        Assert.DoesNotContain("lot-01@portail.test", second, StringComparison.Ordinal);

        var one = WebUtility.HtmlDecode(await admin.GetStringAsync("/Users?q=LOT-07")).Replace('\u00A0', ' ');
        Assert.Contains("1 compte(s)", one, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_return_address_is_honoured_after_sign_in()
    {
        using var client = SecurityTestKit.AnonymousClient(factory);
        var response = await client.PostFormAsync("/Account/Login?ReturnUrl=%2FConventions%3Fyear%3D2018", "/Account/Login",
            [new("Email", "agent@portail.test"), new("Password", PortalFactory.DemoPassword), new("ReturnUrl", "/Conventions?year=2018")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Conventions?year=2018", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_password_reset_ends_a_lockout()
    {
        const string email = "verrou.reset@portail.test";
        await CreateUserAsync(email, Roles.Agent);
        using var client = SecurityTestKit.AnonymousClient(factory);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await SecurityTestKit.TryLoginAsync(client, email, "pas le bon mot de passe");
        }

        Assert.Contains("verrouillé", WebUtility.HtmlDecode(await (await SecurityTestKit.TryLoginAsync(client, email, PortalFactory.DemoPassword)).Content.ReadAsStringAsync()), StringComparison.Ordinal);

        await client.PostFormAsync("/Account/ForgotPassword", "/Account/ForgotPassword", [new("Email", email)]);
        var link = ResetLink(await MailToAsync(email));
        const string newPassword = "une phrase après le verrou";
        var reset = await client.PostFormAsync(link, "/Account/ResetPassword",
            [new("UserId", QueryValue(link, "userId")), new("Code", QueryValue(link, "code")), new("NewPassword", newPassword), new("ConfirmPassword", newPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await SecurityTestKit.TryLoginAsync(client, email, newPassword)).StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task Signing_out_clears_the_cookie_ends_the_session_and_is_audited()
    {
        const string email = "depart@portail.test";
        await CreateUserAsync(email, Roles.Manager);
        using var client = await factory.SignedInClientAsync(email);
        var before = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.SignOut && e.UserName == email));

        var response = await client.PostFormAsync("/", "/Account/Logout", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portail.auth=", StringComparison.Ordinal));
        Assert.Contains("expires=Thu, 01 Jan 1970", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.True(SecurityTestKit.IsLoginRedirect(await client.GetAsync("/Conventions")));
        Assert.Equal(before + 1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.SignOut && e.UserName == email)));
    }

    [Fact]
    public async Task Unlocking_an_account_resets_its_failure_count()
    {
        const string email = "deverrou@portail.test";
        await CreateUserAsync(email, Roles.Agent);
        using var client = SecurityTestKit.AnonymousClient(factory);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await SecurityTestKit.TryLoginAsync(client, email, "pas le bon mot de passe");
        }

        var id = await SecurityTestKit.UserIdAsync(factory, email);
        using var admin = await factory.SignedInClientAsync("admin@portail.test");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Users", $"/Users/Unlock/{id}", [])).StatusCode);
        Assert.Equal((0, (DateTimeOffset?)null), await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => ValueTuple.Create(u.AccessFailedCount, u.LockoutEnd)).SingleAsync()));

        // Four new failures do not lock it again: the count started over.
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await SecurityTestKit.TryLoginAsync(client, email, "pas le bon mot de passe");
        }

        Assert.Equal(HttpStatusCode.Redirect, (await SecurityTestKit.TryLoginAsync(client, email, PortalFactory.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task A_forced_reset_removes_the_password_and_mails_a_link()
    {
        const string email = "impose@portail.test";
        await CreateUserAsync(email, Roles.Agent);
        var id = await SecurityTestKit.UserIdAsync(factory, email);
        using var admin = await factory.SignedInClientAsync("admin@portail.test");

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Users", $"/Users/ForceReset/{id}", [])).StatusCode);

        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.PasswordHash).SingleAsync()));
        using var client = SecurityTestKit.AnonymousClient(factory);
        Assert.Equal(HttpStatusCode.OK, (await SecurityTestKit.TryLoginAsync(client, email, PortalFactory.DemoPassword)).StatusCode);
        Assert.Contains("/Account/ResetPassword", await MailToAsync(email), StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.PasswordReset && e.EntityId == id)));
    }

    [Fact]
    public async Task An_account_with_an_address_already_used_or_an_unknown_role_is_refused()
    {
        using var admin = await factory.SignedInClientAsync("admin@portail.test");
        var accounts = await factory.WithDbAsync(db => db.Users.CountAsync());

        var duplicate = await admin.PostFormAsync("/Users/Create", "/Users/Create",
            [new("Email", "agent@portail.test"), new("FullName", "Doublon"), new("Role", Roles.Agent)]);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("Un compte existe déjà avec cette adresse électronique.", WebUtility.HtmlDecode(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var role = await admin.PostFormAsync("/Users/Create", "/Users/Create",
            [new("Email", "role.inconnu@portail.test"), new("FullName", "Rôle inconnu"), new("Role", "SuperAdministrateur")]);
        Assert.Equal(HttpStatusCode.OK, role.StatusCode);
        Assert.Contains("Choisissez un rôle dans la liste.", WebUtility.HtmlDecode(await role.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        Assert.Equal(accounts, await factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task The_reset_mail_is_written_in_the_recipient_s_language_not_the_sender_s()
    {
        const string email = "english@portail.test";
        await CreateUserAsync(email, Roles.Manager);
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            user.PreferredCulture = "en";
            await db.SaveChangesAsync();
        });
        var id = await SecurityTestKit.UserIdAsync(factory, email);
        using var admin = await factory.SignedInClientAsync("admin@portail.test");

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Users", $"/Users/SendReset/{id}", [])).StatusCode);

        var mail = await MailToAsync(email);
        Assert.Contains("To choose a new password on the association partnership portal, open this link:", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("Pour choisir un nouveau mot de passe", mail, StringComparison.Ordinal);
    }

    private async Task CreateUserAsync(string email, string role)
    {
        var associationId = role == Roles.Association ? await SecurityTestKit.DemoAssociationIdAsync(factory) : (int?)null;
        await SecurityTestKit.NewAccountAsync(factory, email, role, email, associationId);
    }

    private async Task<string> MailToAsync(string email)
    {
        var mails = (await factory.MailsAsync()).Where(m => m.Contains($"To: {email}", StringComparison.Ordinal)).ToList();
        return Assert.Single(mails);
    }

    private static string ResetLink(string mail) => new Uri(ResetUrl().Match(mail).Value).PathAndQuery;

    private static string QueryValue(string url, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("https://x" + url).Query)[name].ToString();

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\S+")]
    private static partial Regex ResetUrl();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
