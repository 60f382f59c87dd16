using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Security;

public sealed class AuditTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    [Fact]
    public async Task Creating_updating_and_deleting_a_grant_record_writes_who_what_and_the_values_before_and_after()
    {
        var domainId = await factory.WithDbAsync(db => db.Domains.Select(d => d.Id).FirstAsync());
        var conventionId = await factory.WithDbAsync(db => db.Conventions.Select(c => c.Id).FirstAsync());
        int projectId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var project = new Project
            {
                ConventionId = conventionId, BudgetYear = 2017, Title = "Projet audité", DomainId = domainId,
                City = "Oujda", AmountCentimes = 1_250_050,
            };
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            projectId = project.Id;

            project.AmountCentimes = 2_000_000;
            project.City = "Berkane";
            await db.SaveChangesAsync();

            db.Projects.Remove(project);
            await db.SaveChangesAsync();
        }

        var id = projectId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entries = await factory.WithDbAsync(db => db.AuditEntries
            .Where(e => e.EntityType == nameof(Project) && e.EntityId == id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([AuditActions.Create, AuditActions.Update, AuditActions.Delete], entries.Select(e => e.Action));

        var created = JsonDocument.Parse(entries[0].NewValues!).RootElement;
        Assert.Equal(projectId, created.GetProperty("Id").GetInt32());
        Assert.Equal(1_250_050, created.GetProperty("AmountCentimes").GetInt64());
        Assert.Equal("Planned", created.GetProperty("Status").GetString());
        Assert.Null(entries[0].OldValues);

        var before = JsonDocument.Parse(entries[1].OldValues!).RootElement;
        var after = JsonDocument.Parse(entries[1].NewValues!).RootElement;
        Assert.Equal(1_250_050, before.GetProperty("AmountCentimes").GetInt64());
        Assert.Equal(2_000_000, after.GetProperty("AmountCentimes").GetInt64());
        Assert.Equal("Oujda", before.GetProperty("City").GetString());
        Assert.Equal("Berkane", after.GetProperty("City").GetString());
        Assert.False(after.TryGetProperty("Title", out _), "An update records only the changed values.");

        Assert.Equal("Berkane", JsonDocument.Parse(entries[2].OldValues!).RootElement.GetProperty("City").GetString());
        Assert.Null(entries[2].NewValues);
        Assert.All(entries, e => Assert.Equal("système", e.UserName));
    }

    [Fact]
    public async Task A_change_that_fails_leaves_no_audit_line()
    {
        var before = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var existing = await db.Associations.Select(a => a.RegistrationNumber).FirstAsync();
            db.Associations.Add(new Association { Name = "Doublon", RegistrationNumber = existing, City = "Rabat" });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(before, await factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task The_audit_log_cannot_be_changed_or_deleted()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var entry = await db.AuditEntries.FirstAsync();
        entry.UserName = "quelqu'un d'autre";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(await db.AuditEntries.FirstAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Sign_ins_succeeded_and_failed_are_audited()
    {
        using var client = SecurityTestKit.AnonymousClient(factory);
        await SecurityTestKit.TryLoginAsync(client, "manager@portail.test", "mauvais mot de passe");
        await SecurityTestKit.TryLoginAsync(client, "inconnu@portail.test", "mauvais mot de passe");
        await SecurityTestKit.TryLoginAsync(client, "manager@portail.test", PortalFactory.DemoPassword);

        var entries = await factory.WithDbAsync(db => db.AuditEntries
            .Where(e => e.UserName == "manager@portail.test" || e.UserName == "inconnu@portail.test")
            .Select(e => new { e.UserName, e.Action }).ToListAsync());
        Assert.Contains(entries, e => e.UserName == "manager@portail.test" && e.Action == AuditActions.SignInFailed);
        Assert.Contains(entries, e => e.UserName == "inconnu@portail.test" && e.Action == AuditActions.SignInFailed);
        Assert.Contains(entries, e => e.UserName == "manager@portail.test" && e.Action == AuditActions.SignIn);
    }

    [Fact]
    public async Task A_403_and_a_cross_association_404_are_audited()
    {
        using var association = await factory.SignedInClientAsync("association@portail.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await association.GetAsync("/AuditLog?User=x")).StatusCode);

        await SecurityTestKit.EnsureOtherAssociationAccountAsync(factory);
        var demoId = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var conventionId = await factory.WithDbAsync(db => db.Conventions.Where(c => c.AssociationId == demoId).Select(c => c.Id).FirstAsync());
        using var other = await factory.SignedInClientAsync(SecurityTestKit.OtherAssociationEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/MonEspace/Conventions/{conventionId}")).StatusCode);

        var denied = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.AccessDenied)
            .Select(e => new { e.UserName, e.Details, e.EntityId }).ToListAsync());
        Assert.Contains(denied, e => e.UserName == "association@portail.test" && e.Details == "403 GET /AuditLog?User=x");
        Assert.Contains(denied, e => e.UserName == SecurityTestKit.OtherAssociationEmail
            && e.EntityId == conventionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Administrators_browse_the_log_filtered_by_who_and_what()
    {
        using var client = SecurityTestKit.AnonymousClient(factory);
        await SecurityTestKit.TryLoginAsync(client, "filtre@nulle-part.test", "mauvais mot de passe");
        using var admin = await factory.SignedInClientAsync("admin@portail.test");

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync("/AuditLog?User=filtre%40nulle&Action=SignInFailed"));
        Assert.Contains("filtre@nulle-part.test", html, StringComparison.Ordinal);
        Assert.Contains("1 ligne(s)", html.Replace('\u00A0', ' '), StringComparison.Ordinal);

        var none = WebUtility.HtmlDecode(await admin.GetStringAsync("/AuditLog?User=filtre%40nulle&Action=SignIn"));
        Assert.DoesNotContain("filtre@nulle-part.test</td>", none, StringComparison.Ordinal);

        var today = factory.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = factory.Clock.GetUtcNow().AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var sameDay = WebUtility.HtmlDecode(await admin.GetStringAsync($"/AuditLog?User=filtre%40nulle&From={today}&To={today}"));
        Assert.Contains("filtre@nulle-part.test", sameDay, StringComparison.Ordinal);
        var later = WebUtility.HtmlDecode(await admin.GetStringAsync($"/AuditLog?User=filtre%40nulle&From={tomorrow}")).Replace('\u00A0', ' ');
        Assert.Contains("0 ligne(s)", later, StringComparison.Ordinal);

        // Nothing in the portal writes to the log by request: only GET is mapped.
        var routes = new AuthorizationMatrixTests(factory).Routes().Where(r => r.Controller == "AuditLog").ToList();
        Assert.All(routes, r => Assert.Equal("GET", r.Method));
    }
}
