using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;

namespace PartnershipPortal.Tests.Security;

/// <summary>
/// What an administrator reads and does on the accounts: the list's rows and search, an account's edit, lock, unlock,
/// two-factor removal and deletion, each written to the audit log with what it changed.
/// </summary>
public sealed class AccountManagementTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    private const string Admin = "admin@portail.test";

    /// <summary>A confirmed account written for the test, then set as the test needs it (lockout, two-factor, no password).</summary>
    private async Task<string> AccountAsync(string email, string role, string fullName, int? associationId = null, Action<ApplicationUser>? set = null)
    {
        var id = await SecurityTestKit.NewAccountAsync(factory, email, role, fullName, associationId);
        if (set is not null)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(id))!;
            set(user);
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        return id;
    }

    /// <summary>Each row of the account list: name, address, role, association, state.</summary>
    private static async Task<List<string[]>> RowsAsync(HttpClient client, string query)
    {
        var html = await client.PageAsync("/Users?q=" + Uri.EscapeDataString(query));
        var body = Regex.Match(html, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        return [.. Regex.Matches(body, "<tr>(.*?)</tr>", RegexOptions.Singleline).Select(row => Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline)
            .Take(5).Select(cell => Regex.Replace(RecordPages.Text(cell.Groups[1].Value), @"\s+", " ").Trim()).ToArray())];
    }

    private Task<List<AuditEntry>> AuditOfAsync(string userId) => factory.WithDbAsync(db => db.AuditEntries
        .Where(e => e.EntityType == nameof(ApplicationUser) && e.EntityId == userId).OrderBy(e => e.Id).ToListAsync());

    private Task<List<string>> RolesOfAsync(string userId) => SecurityTestKit.RolesOfAsync(factory, userId);

    private static Dictionary<string, string?> Values(string? json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json!)!.ToDictionary(p => p.Key, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.ToString());

    [Fact]
    public async Task The_list_shows_each_account_s_role_association_and_state_and_is_searched_by_name_and_association()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var associationId = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var associationName = await factory.WithDbAsync(db => db.Associations.Where(a => a.Id == associationId).Select(a => a.Name).SingleAsync());
        await AccountAsync($"a-{tag}@portail.test", Roles.Manager, $"Nadia Bennani {tag}");
        await AccountAsync($"b-{tag}@portail.test", Roles.Association, $"Trésorier {tag}", associationId);
        await AccountAsync($"c-{tag}@portail.test", Roles.Agent, $"Verrouillé {tag}", set: u => u.LockoutEnd = factory.Clock.GetUtcNow());
        await AccountAsync($"d-{tag}@portail.test", Roles.Reviewer, $"Verrou fini {tag}", set: u => (u.LockoutEnd, u.TwoFactorEnabled) = (factory.Clock.GetUtcNow().AddTicks(-1), true));
        await AccountAsync($"e-{tag}@portail.test", Roles.Agent, $"Nouveau {tag}", set: u => u.PasswordHash = null);
        using var admin = await factory.SignedInClientAsync(Admin);

        Assert.Equal(
        [
            [$"Nadia Bennani {tag}", $"a-{tag}@portail.test", "Responsable", "", "Actif"],
            [$"Trésorier {tag}", $"b-{tag}@portail.test", "Association", associationName, "Actif"],
            [$"Verrouillé {tag}", $"c-{tag}@portail.test", "Agent", "", "Verrouillé"],
            [$"Verrou fini {tag}", $"d-{tag}@portail.test", "Évaluateur", "", "Actif 2FA"],
            [$"Nouveau {tag}", $"e-{tag}@portail.test", "Agent", "", "Mot de passe à choisir"],
        ], await RowsAsync(admin, tag));

        Assert.Equal([$"a-{tag}@portail.test"], (await RowsAsync(admin, $"Nadia Bennani {tag}")).Select(r => r[1]));
        var ofAssociation = (await RowsAsync(admin, associationName)).Select(r => r[1]).ToList();
        Assert.Contains($"b-{tag}@portail.test", ofAssociation);
        Assert.DoesNotContain($"a-{tag}@portail.test", ofAssociation);
    }

    [Fact]
    public async Task An_edit_saves_address_name_role_and_association_replaces_the_role_audits_before_and_after_and_renews_the_stamp()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var associationId = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var id = await AccountAsync($"avant-{tag}@portail.test", Roles.Agent, "Nom d'avant");
        var stamp = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync());
        using var admin = await factory.SignedInClientAsync(Admin);

        var response = await admin.PostFormAsync($"/Users/Edit/{id}", $"/Users/Edit/{id}",
        [
            new("Email", $"  apres-{tag}@portail.test "), new("FullName", " Nom d'après "), new("Role", Roles.Association),
            new("AssociationId", associationId.ToString(CultureInfo.InvariantCulture)),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Compte enregistré.", RecordPages.Text(await admin.PageAsync(response.Headers.Location!.OriginalString)), StringComparison.Ordinal);
        var user = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
        Assert.Equal(($"apres-{tag}@portail.test", $"apres-{tag}@portail.test", "Nom d'après", (int?)associationId),
            (user.Email, user.UserName, user.FullName, user.AssociationId));
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.Equal([Roles.Association], await RolesOfAsync(id));
        var entry = Assert.Single(await AuditOfAsync(id));
        Assert.Equal((AuditActions.AccountChanged, "Compte modifié", Admin), (entry.Action, entry.Details, entry.UserName));
        Assert.Equal(new Dictionary<string, string?> { ["Email"] = $"avant-{tag}@portail.test", ["FullName"] = "Nom d'avant", ["Role"] = Roles.Agent, ["AssociationId"] = null },
            Values(entry.OldValues));
        Assert.Equal(new Dictionary<string, string?>
        {
            ["Email"] = $"apres-{tag}@portail.test", ["FullName"] = "Nom d'après", ["Role"] = Roles.Association,
            ["AssociationId"] = associationId.ToString(CultureInfo.InvariantCulture),
        }, Values(entry.NewValues));

        // Back to an agent: the association goes with the role.
        await admin.PostFormAsync($"/Users/Edit/{id}", $"/Users/Edit/{id}",
            [new("Email", $"apres-{tag}@portail.test"), new("FullName", "Nom d'après"), new("Role", Roles.Agent), new("AssociationId", associationId.ToString(CultureInfo.InvariantCulture))]);
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.AssociationId).SingleAsync()));
        Assert.Equal([Roles.Agent], await RolesOfAsync(id));
    }

    [Fact]
    public async Task An_address_with_an_accent_is_refused_beside_the_field_on_creation_and_edit_and_nothing_is_saved()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var id = await AccountAsync($"sans-accent-{tag}@portail.test", Roles.Agent, "Nom gardé");
        using var admin = await factory.SignedInClientAsync(Admin);
        var accented = $"josé-{tag}@portail.test";

        var created = await admin.PostFormAsync("/Users/Create", "/Users/Create", [new("Email", accented), new("FullName", "José"), new("Role", Roles.Agent)]);
        var edited = await admin.PostFormAsync($"/Users/Edit/{id}", $"/Users/Edit/{id}", [new("Email", accented), new("FullName", "José"), new("Role", Roles.Reviewer)]);

        foreach (var response in new[] { created, edited })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("L'adresse électronique ne peut contenir que des lettres sans accent, des chiffres et les signes - . _ @ +.",
                RecordPages.ValidationMessage(await response.Content.ReadAsStringAsync(), "Email"));
        }

        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email!.Contains(tag) && u.Id != id)));
        Assert.Equal(($"sans-accent-{tag}@portail.test", "Nom gardé"),
            await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => new ValueTuple<string, string>(u.Email!, u.FullName!)).SingleAsync()));
        Assert.Equal([Roles.Agent], await RolesOfAsync(id));
        Assert.Empty(await AuditOfAsync(id));
    }

    [Fact]
    public async Task Locking_unlocking_removing_two_factor_and_deleting_are_saved_and_audited()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var id = await AccountAsync($"cycle-{tag}@portail.test", Roles.Manager, "Compte suivi", set: u => (u.TwoFactorEnabled, u.AccessFailedCount) = (true, 3));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.ResetAuthenticatorKeyAsync((await users.FindByIdAsync(id))!)).Succeeded);
        }

        var keyBefore = await AuthenticatorKeyAsync(id);
        using var admin = await factory.SignedInClientAsync(Admin);
        var edit = $"/Users/Edit/{id}";

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(edit, $"/Users/Lock/{id}", [])).StatusCode);
        Assert.Equal(DateTimeOffset.MaxValue, await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.LockoutEnd).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(edit, $"/Users/Unlock/{id}", [])).StatusCode);
        var unlocked = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
        Assert.Equal(((DateTimeOffset?)null, 0), (unlocked.LockoutEnd, unlocked.AccessFailedCount));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(edit, $"/Users/ResetTwoFactor/{id}", [])).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.NotEqual(keyBefore, await AuthenticatorKeyAsync(id));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(edit, $"/Users/Delete/{id}", [])).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == id)));

        var entries = await AuditOfAsync(id);
        Assert.Equal(
        [
            (AuditActions.AccountChanged, "Compte verrouillé"), (AuditActions.AccountChanged, "Compte déverrouillé"),
            (AuditActions.TwoFactorChanged, "Double authentification retirée par un administrateur"), (AuditActions.AccountChanged, "Compte supprimé"),
        ], entries.Select(e => (e.Action, e.Details)));
        Assert.Equal(new Dictionary<string, string?> { ["Email"] = $"cycle-{tag}@portail.test", ["FullName"] = "Compte suivi", ["Role"] = Roles.Manager, ["AssociationId"] = null },
            Values(entries[^1].OldValues));
    }

    [Fact]
    public async Task The_edit_page_reads_back_the_account_and_an_account_without_a_name_shows_none()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var associationId = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var named = await AccountAsync($"lu-{tag}@portail.test", Roles.Association, $"Lu {tag}", associationId);
        var unnamed = await SecurityTestKit.NewAccountAsync(factory, $"anonyme-{tag}@portail.test", Roles.Reviewer, null);
        using var admin = await factory.SignedInClientAsync(Admin);

        var page = await admin.PageAsync($"/Users/Edit/{named}");
        var empty = await admin.PageAsync($"/Users/Edit/{unnamed}");

        Assert.Equal(($"lu-{tag}@portail.test", $"Lu {tag}", Roles.Association, associationId.ToString(CultureInfo.InvariantCulture)),
            (RecordPages.InputValue(page, "Email"), RecordPages.InputValue(page, "FullName"), Selected(page, "Role"), Selected(page, "AssociationId")));
        Assert.Equal(($"anonyme-{tag}@portail.test", "", Roles.Reviewer), (RecordPages.InputValue(empty, "Email"), RecordPages.InputValue(empty, "FullName"), Selected(empty, "Role")));
    }

    [Fact]
    public async Task A_reset_link_sent_by_an_administrator_is_audited_and_an_account_without_lockout_is_locked_all_the_same()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var id = await AccountAsync($"lien-{tag}@portail.test", Roles.Agent, "Sans verrou", set: u => u.LockoutEnabled = false);
        using var admin = await factory.SignedInClientAsync(Admin);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Users", $"/Users/SendReset/{id}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Users", $"/Users/Lock/{id}", [])).StatusCode);

        Assert.Equal([(AuditActions.PasswordReset, "Lien de réinitialisation envoyé par un administrateur"), (AuditActions.AccountChanged, "Compte verrouillé")],
            (await AuditOfAsync(id)).Select(e => (e.Action, e.Details)));
        // The right password no longer signs in: the page answers with its form, not a redirect.
        using var client = SecurityTestKit.AnonymousClient(factory);
        Assert.Equal(HttpStatusCode.OK, (await SecurityTestKit.TryLoginAsync(client, $"lien-{tag}@portail.test", PortalFactory.DemoPassword)).StatusCode);
    }

    /// <summary>The value of the option selected in the page's select <paramref name="name"/>.</summary>
    private static string Selected(string html, string name)
    {
        var select = Regex.Match(html, $"<select[^>]*name=\"{Regex.Escape(name)}\"[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value;
        return Regex.Match(select, "<option value=\"([^\"]*)\" selected=\"selected\"").Groups[1].Value;
    }

    [Fact]
    public async Task Every_command_on_an_account_that_does_not_exist_answers_not_found_and_writes_nothing()
    {
        var missing = Guid.NewGuid().ToString();
        using var admin = await factory.SignedInClientAsync(Admin);
        var before = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(ApplicationUser)));

        var answers = new List<HttpStatusCode> { (await admin.GetAsync($"/Users/Edit/{missing}")).StatusCode };
        foreach (var command in new[] { "Lock", "Unlock", "Delete", "ResetTwoFactor", "SendReset", "ForceReset" })
        {
            answers.Add((await admin.PostFormAsync("/Users", $"/Users/{command}/{missing}", [])).StatusCode);
        }

        answers.Add((await admin.PostFormAsync("/Users", $"/Users/Edit/{missing}",
            [new("Email", "personne@portail.test"), new("FullName", "Personne"), new("Role", Roles.Agent)])).StatusCode);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a));
        Assert.Equal(before, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(ApplicationUser))));
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "personne@portail.test")));
    }

    [Fact]
    public async Task A_locked_administrator_does_not_count_as_active_and_one_whose_lockout_has_ended_does()
    {
        using var own = new ClockedPortalFactory();
        var second = await SecurityTestKit.NewAccountAsync(own, "second.admin@portail.test", Roles.Administrator, "Second administrateur");
        Task LockSecondUntil(DateTimeOffset end) => own.WithDbAsync(db => db.Users.Where(u => u.Id == second).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, end)));
        var adminId = await SecurityTestKit.UserIdAsync(own, Admin);
        using var admin = await own.SignedInClientAsync(Admin);
        var edit = $"/Users/Edit/{adminId}";
        KeyValuePair<string, string>[] demotion = [new("Email", Admin), new("FullName", "Admin"), new("Role", Roles.Agent)];
        Task<List<string>> AdminRolesAsync() => SecurityTestKit.RolesOfAsync(own, adminId);

        // Locked until this very instant: still locked, as Identity refuses its sign-in.
        await LockSecondUntil(own.Clock.GetUtcNow());
        await admin.PostFormAsync(edit, edit, demotion);
        Assert.Equal([Roles.Administrator], await AdminRolesAsync());
        Assert.Contains("C'est le dernier administrateur actif", RecordPages.Text(await admin.PageAsync("/Users")), StringComparison.Ordinal);

        await LockSecondUntil(own.Clock.GetUtcNow().AddTicks(-1));
        await admin.PostFormAsync(edit, edit, demotion);
        Assert.Equal([Roles.Agent], await AdminRolesAsync());
    }

    private Task<string?> AuthenticatorKeyAsync(string userId) => factory.WithDbAsync(db => db.UserTokens
        .Where(t => t.UserId == userId && t.Name == "AuthenticatorKey").Select(t => t.Value).SingleOrDefaultAsync());
}
