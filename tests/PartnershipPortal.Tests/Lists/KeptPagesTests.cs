using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Lists;

/// <summary>
/// A list's pages are kept until the next write through the portal (Features/Shared/Lists/ListCache): what a second view
/// shows, in which language, and from which day.
/// </summary>
public sealed class KeptPagesTests(KeptPagesTests.Factory factory) : IClassFixture<KeptPagesTests.Factory>
{
    /// <summary>Kept for an hour rather than a minute, so that only a write can end what a test keeps.</summary>
    public sealed class Factory : PortalFactory
    {
        public Factory() => Settings["Bilan:CacheLifetime"] = "01:00:00";
    }

    [Fact]
    public async Task A_page_shows_what_was_read_until_the_portal_writes_then_what_the_database_holds()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var project = await factory.WithDbAsync(db => db.Projects.AsNoTracking().Include(p => p.Convention)
            .Where(p => p.Convention!.Status == ConventionStatus.Draft).OrderBy(p => p.Id).FirstAsync());
        var list = $"/Projects?associationId={project.Convention!.AssociationId}&pageSize=100";
        Assert.Contains(project.Title, RecordPages.Text(await client.PageAsync(list)), StringComparison.Ordinal);

        // Written past the portal, as another instance or a script would: this instance keeps the page it read.
        var outside = "Titre changé hors du portail " + Guid.NewGuid().ToString("N")[..6];
        await OutsideThePortal.RenameAsync(factory, "Projects", project.Id, outside);

        var kept = RecordPages.Text(await client.PageAsync(list));
        Assert.Contains(project.Title, kept, StringComparison.Ordinal);
        Assert.DoesNotContain(outside, kept, StringComparison.Ordinal);

        // A save through the portal starts a new version: the next view reads the database again.
        var form = await client.PageAsync($"/Projects/Edit/{project.Id}");
        var renamed = "Titre enregistré par le portail " + Guid.NewGuid().ToString("N")[..6];
        var saved = await client.PostAsync($"/Projects/Edit/{project.Id}",
            ("Form.Title", renamed), ("Form.DomainId", project.DomainId.ToString(CultureInfo.InvariantCulture)),
            ("Form.City", project.City), ("Form.Amount", (project.AmountCentimes / 100m).ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',')),
            ("Form.Status", project.Status.ToString()), ("Form.StartDate", ""), ("Form.EndDate", ""),
            ("Form.Version", RecordPages.InputValue(form, "Form.Version")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var fresh = RecordPages.Text(await client.PageAsync(list));
        Assert.Contains(renamed, fresh, StringComparison.Ordinal);
        Assert.DoesNotContain(project.Title, fresh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_kept_in_one_language_is_not_shown_in_another()
    {
        var association = await factory.WithDbAsync(db => db.Associations.AsNoTracking()
            .Where(a => a.NameAr != null && a.NameAr != "").OrderBy(a => a.Id).Select(a => new { a.Name, a.NameAr, a.RegistrationNumber }).FirstAsync());
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var list = $"/Associations?q={Uri.EscapeDataString(association.RegistrationNumber)}";

        var arabic = RecordPages.Text(await client.PageAsync(list + "&culture=ar"));
        var french = RecordPages.Text(await client.PageAsync(list + "&culture=fr"));

        Assert.Contains(association.NameAr!, arabic, StringComparison.Ordinal);
        Assert.Contains(association.Name, french, StringComparison.Ordinal);
        Assert.DoesNotContain(association.NameAr!, french, StringComparison.Ordinal);
    }
}

/// <summary>The follow-up's pages are kept for their day only: "within 30 days" and "late" move with the date, not only with writes.</summary>
public sealed class KeptFollowUpTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    [Fact]
    public async Task The_next_day_reads_the_follow_up_again_without_any_write()
    {
        // The conventions of 2061 end on 31/12/2061: a day out of the 30 days late on 30/11, within them just after midnight.
        factory.Clock.SetUtcNow(new DateTimeOffset(2061, 11, 30, 23, 50, 0, TimeSpan.Zero));
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 1), null, new Line("Suivi jusqu'à la fin d'année", 60_000_00));
        var reference = (await LoadAsync(factory, id)).Reference;
        var ending = "31/12/2061 Fin de la convention " + reference;

        var before = await FlatTextAsync(await agent.GetAsync("/Echeances?kind=ConventionEnding&pageSize=100"));
        Assert.Contains("Échéances", before, StringComparison.Ordinal);
        Assert.DoesNotContain(ending, before, StringComparison.Ordinal);

        // Fifteen minutes on, nothing written since (the sign-in is still valid): only the date has changed.
        factory.Clock.SetUtcNow(new DateTimeOffset(2061, 12, 1, 0, 5, 0, TimeSpan.Zero));
        var after = await FlatTextAsync(await agent.GetAsync("/Echeances?kind=ConventionEnding&pageSize=100"));

        Assert.Contains(ending, after, StringComparison.Ordinal);
    }
}

/// <summary>With <c>Lists:KeepPages=false</c> (what the benchmarks use to measure the first view after a write), every view reads the database.</summary>
public sealed class UnkeptPagesTests(UnkeptPagesTests.Factory factory) : IClassFixture<UnkeptPagesTests.Factory>
{
    public sealed class Factory : PortalFactory
    {
        public Factory() => Settings["Lists:KeepPages"] = "false";
    }

    [Fact]
    public async Task A_write_past_the_portal_shows_on_the_next_view()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var call = await factory.WithDbAsync(db => db.Calls.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Title, c.Reference }).FirstAsync());
        var list = $"/Calls?q={Uri.EscapeDataString(call.Reference)}";
        Assert.Contains(call.Title, RecordPages.Text(await client.PageAsync(list)), StringComparison.Ordinal);

        var outside = "Appel renommé hors du portail " + Guid.NewGuid().ToString("N")[..6];
        await OutsideThePortal.RenameAsync(factory, "CallsForProjects", call.Id, outside);

        Assert.Contains(outside, RecordPages.Text(await client.PageAsync(list)), StringComparison.Ordinal);
    }
}

/// <summary>A write that does not go through the portal's EF context, as another instance or a script would make it.</summary>
internal static class OutsideThePortal
{
    public static async Task RenameAsync(PortalFactory factory, string table, int id, string title)
    {
        await using var connection = new SqliteConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var update = connection.CreateCommand();
        update.CommandText = $"UPDATE \"{table}\" SET Title = $title WHERE Id = $id";
        update.Parameters.AddWithValue("$title", title);
        update.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }
}
