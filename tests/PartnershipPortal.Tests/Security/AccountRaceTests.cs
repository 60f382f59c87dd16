using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Conventions;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;

namespace PartnershipPortal.Tests.Security;

/// <summary>
/// An account edited or deleted while another administrator saves it: Identity's concurrency stamp refuses the
/// second save, the list says why, and the account keeps what the other administrator saved.
/// </summary>
public sealed class AccountRaceTests(InterlopedPortalFactory factory) : IClassFixture<InterlopedPortalFactory>
{
    private const string Admin = "admin@portail.test";

    private const string Overtaken = "Le compte a été modifié entre-temps ; rechargez la page.";

    /// <summary>The account's role read for the command, after the account itself was loaded: the only roles query with a LIMIT.</summary>
    private static readonly string[] RoleRead = ["FROM \"AspNetUserRoles\"", "LIMIT"];

    /// <summary>The form's token is read from a page that reads no role, so that the armed read is the command's own.</summary>
    private const string TokenPage = "/Conventions";

    private static Func<PortalDbContext, Task> RenamedMeanwhile(string id) => db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s
        .SetProperty(u => u.FullName, "Nom enregistré entre-temps").SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()));

    private Task<int> AuditLinesAsync(string id) => factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(ApplicationUser) && e.EntityId == id));

    [Fact]
    public async Task An_edit_overtaken_by_another_save_changes_neither_the_account_nor_its_role_and_says_why()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var id = await SecurityTestKit.NewAccountAsync(factory, $"course-{tag}@portail.test", Roles.Agent, "Nom d'avant");
        using var admin = await factory.SignedInClientAsync(Admin);
        factory.BeforeReading(RoleRead, RenamedMeanwhile(id));

        var response = await admin.PostFormAsync(TokenPage, $"/Users/Edit/{id}",
            [new("Email", $"autre-{tag}@portail.test"), new("FullName", "Nom tapé"), new("Role", Roles.Reviewer)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = RecordPages.Text(await admin.PageAsync(response.Headers.Location!.OriginalString));
        Assert.Contains(Overtaken, list, StringComparison.Ordinal);
        Assert.DoesNotContain("Compte enregistré.", list, StringComparison.Ordinal);
        Assert.Equal(($"course-{tag}@portail.test", "Nom enregistré entre-temps"),
            await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => new ValueTuple<string, string>(u.Email!, u.FullName!)).SingleAsync()));
        Assert.Equal([Roles.Agent], await SecurityTestKit.RolesOfAsync(factory, id));
        Assert.Equal(0, await AuditLinesAsync(id));
    }

    [Fact]
    public async Task A_deletion_overtaken_by_another_save_keeps_the_account_and_says_why()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var id = await SecurityTestKit.NewAccountAsync(factory, $"reste-{tag}@portail.test", Roles.Agent, "Nom d'avant");
        using var admin = await factory.SignedInClientAsync(Admin);
        factory.BeforeReading(RoleRead, RenamedMeanwhile(id));

        var response = await admin.PostFormAsync(TokenPage, $"/Users/Delete/{id}", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = RecordPages.Text(await admin.PageAsync(response.Headers.Location!.OriginalString));
        Assert.Contains(Overtaken, list, StringComparison.Ordinal);
        Assert.DoesNotContain("Compte supprimé.", list, StringComparison.Ordinal);
        Assert.Equal("Nom enregistré entre-temps", await factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.FullName).SingleAsync()));
        Assert.Equal([Roles.Agent], await SecurityTestKit.RolesOfAsync(factory, id));
        Assert.Equal(0, await AuditLinesAsync(id));
    }
}
