using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Records;

public sealed class DomainScreenTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static (string, string)[] Fields(string code, string name) =>
        [("Form.Code", code), ("Form.NameFr", name), ("Form.NameAr", "الصحة"), ("Form.NameEn", "Health"), ("Form.DisplayOrder", "9"), ("Form.IsActive", "true")];

    [Fact]
    public async Task Only_administrators_manage_domains()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var manager = await factory.SignedInClientAsync("manager@portail.test");
        RecordPages.AssertForbidden(await agent.GetAsync("/Domains"));
        RecordPages.AssertForbidden(await manager.GetAsync("/Domains"));
        Assert.DoesNotContain("/Domains", await agent.PageAsync("/Dashboard"), StringComparison.Ordinal);

        var admin = await factory.SignedInClientAsync("admin@portail.test");
        Assert.Contains("/Domains", await admin.PageAsync("/Dashboard"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/Domains/Create", Fields("sante", "Accès aux soins"))).StatusCode);
        Assert.Equal("SANTE", await factory.WithDbAsync(db => db.Domains.Where(d => d.NameFr == "Accès aux soins").Select(d => d.Code).SingleAsync()));

        var duplicate = await admin.PostAsync("/Domains/Create", Fields("EDU", "Autre éducation"));
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("Le code EDU est déjà celui du domaine", RecordPages.Text(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_domain_with_projects_cannot_be_deleted_and_can_be_deactivated_instead()
    {
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var edu = await factory.WithDbAsync(db => db.Domains.Where(d => d.Code == "EDU").Select(d => d.Id).SingleAsync());

        var confirm = await admin.PageAsync($"/Domains/Delete/{edu}");
        Assert.Contains("projet(s) relèvent de ce domaine", RecordPages.Text(confirm), StringComparison.Ordinal);
        Assert.Contains($"/Domains/Deactivate/{edu}", confirm, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/Domains/Delete/{edu}")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Domains.AnyAsync(d => d.Id == edu)));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Domains/Delete/{edu}", $"/Domains/Deactivate/{edu}", [])).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Domains.Where(d => d.Id == edu).Select(d => d.IsActive).SingleAsync()));
        // No longer offered for a new convention's projects, still shown where it is used.
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        const string Name = ">Intégration éducative des immigrés et réfugiés</option>";
        Assert.DoesNotContain(Name, await agent.PageAsync("/Conventions/Create"), StringComparison.Ordinal);
        var project = await factory.WithDbAsync(db => db.Projects.Where(p => p.DomainId == edu).Select(p => p.Id).FirstAsync());
        Assert.Contains(Name, await agent.PageAsync($"/Projects/Edit/{project}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_domain_that_calls_are_about_cannot_be_deleted()
    {
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        await admin.PostAsync("/Domains/Create", Fields("APPEL", "Domaine d'un appel"));
        var id = await factory.WithDbAsync(async db =>
        {
            var domain = await db.Domains.SingleAsync(d => d.Code == "APPEL");
            var call = await db.Calls.Include(c => c.Domains).OrderBy(c => c.Id).FirstAsync();
            call.Domains.Add(domain);
            await db.SaveChangesAsync();
            return domain.Id;
        });

        Assert.Contains("1 appel(s) à projets portent sur ce domaine.", RecordPages.Text(await admin.PageAsync($"/Domains/Delete/{id}")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/Domains/Delete/{id}")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Domains.AnyAsync(d => d.Id == id)));
    }

    [Fact]
    public async Task An_unused_domain_is_deleted()
    {
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        await admin.PostAsync("/Domains/Create", Fields("TMP", "Domaine provisoire"));
        var id = await factory.WithDbAsync(db => db.Domains.Where(d => d.Code == "TMP").Select(d => d.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync($"/Domains/Delete/{id}")).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Domains.AnyAsync(d => d.Id == id)));
    }
}
