using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;

namespace PartnershipPortal.Tests.Records;

/// <summary>
/// The dashboard's latest changes, newest first across every kind of record, each said created or modified. The clock
/// stands still between the writes of the test and moves a minute before each, so that their order is the test's own.
/// </summary>
public sealed partial class LatestChangesTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    [Fact]
    public async Task The_latest_changes_come_newest_first_across_records_each_said_created_or_modified()
    {
        // After everything the demo data wrote.
        _ = factory.Services;
        factory.Clock.Advance(TimeSpan.FromDays(1));
        // A dozen calls and activities older than the test's own: each kind's newest are the ones shown, not its first.
        await WriteAsync(async db =>
        {
            for (var i = 0; i < 12; i++)
            {
                db.Calls.Add(new CallForProjects { Reference = $"TB-ANCIEN-{i}", Title = "Appel plus ancien", Year = 2026 });
                db.Activities.Add(new ProgrammeActivity { Title = $"Atelier plus ancien {i}", Year = 2026 });
            }

            return await db.SaveChangesAsync();
        });
        var associationId = await WriteAsync(async db =>
        {
            var association = new Association { Name = "Association du tableau", RegistrationNumber = "TB-ASSO-1", City = "Taza", Region = Region.FesMeknes };
            db.Associations.Add(association);
            await db.SaveChangesAsync();
            return association.Id;
        });
        await WriteAsync(async db =>
        {
            db.Calls.Add(new CallForProjects { Reference = "TB-1", Title = "Appel du tableau", Year = 2026 });
            return await db.SaveChangesAsync();
        });
        await WriteAsync(async db =>
        {
            db.Activities.Add(new ProgrammeActivity { Title = "Atelier du tableau", Year = 2026 });
            return await db.SaveChangesAsync();
        });
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await AddAsync(factory, 2026, ConventionStatus.Draft, associationId, null, null, new Line("Projet du tableau", 10_000_00));
        await WriteAsync(async db =>
        {
            (await db.Associations.SingleAsync(a => a.Id == associationId)).City = "Guercif";
            return await db.SaveChangesAsync();
        });

        // Two activities saved at the same instant: the one written last comes first.
        var (first, second) = await WriteAsync(async db =>
        {
            var a = new ProgrammeActivity { Title = "Atelier A du tableau", Year = 2026 };
            db.Activities.Add(a);
            await db.SaveChangesAsync();
            var b = new ProgrammeActivity { Title = "Atelier B du tableau", Year = 2026 };
            db.Activities.Add(b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        var ids = await factory.WithDbAsync(async db => new
        {
            Convention = await db.Conventions.Where(c => c.AssociationId == associationId).Select(c => c.Id).SingleAsync(),
            Project = await db.Projects.Where(p => p.Title == "Projet du tableau").Select(p => p.Id).SingleAsync(),
            Call = await db.Calls.Where(c => c.Reference == "TB-1").Select(c => c.Id).SingleAsync(),
            Activity = await db.Activities.Where(a => a.Title == "Atelier du tableau").Select(a => a.Id).SingleAsync(),
        });

        var client = await factory.SignedInClientAsync("agent@portail.test");
        var changes = Changes(await client.GetStringAsync("/Dashboard"));

        Assert.Equal(("Atelier B du tableau", "Créé", "Activité", $"/Activities/Details/{second}"), changes[0]);
        Assert.Equal(("Atelier A du tableau", "Créé", "Activité", $"/Activities/Details/{first}"), changes[1]);
        Assert.Equal(("Association du tableau", "Modifié", "Association", $"/Associations/Details/{associationId}"), changes[2]);
        // The convention and its project, saved together, in either order.
        var reference = (await LoadAsync(factory, ids.Convention)).Reference;
        Assert.Equal(
            [(reference + " · Association du tableau", "Créé", "Convention", $"/Conventions/Details/{ids.Convention}"),
             ("Projet du tableau", "Créé", "Projet", $"/Projects/Details/{ids.Project}")],
            changes.Skip(3).Take(2).OrderBy(c => c.Kind, StringComparer.Ordinal));
        Assert.Equal(
            [("Atelier du tableau", "Créé", "Activité", $"/Activities/Details/{ids.Activity}"), ("TB-1 · Appel du tableau", "Créé", "Appel à projets", $"/Calls/Details/{ids.Call}")],
            changes.Skip(5).Take(2));
        Assert.Equal(12, changes.Count);
    }

    /// <summary>One save a minute after the previous one.</summary>
    private Task<T> WriteAsync<T>(Func<PartnershipPortal.Data.PortalDbContext, Task<T>> write)
    {
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        return factory.WithDbAsync(write);
    }

    /// <summary>The list's entries in the page's order: (label, "Créé" or "Modifié", kind, link).</summary>
    private static List<(string Label, string Said, string Kind, string Link)> Changes(string html)
    {
        var list = Regex.Match(html, "<ul class=\"list-group latest-changes\">(.*?)</ul>", RegexOptions.Singleline).Groups[1].Value;
        return [.. Entry().Matches(list).Select(m => (
            WebUtility.HtmlDecode(m.Groups["label"].Value).Trim(), m.Groups["said"].Value, WebUtility.HtmlDecode(m.Groups["kind"].Value).Trim(), m.Groups["href"].Value))];
    }

    [GeneratedRegex("<a href=\"(?<href>[^\"]*)\">(?<label>[^<]*)</a>\\s*<span class=\"badge text-bg-light\">(?<kind>[^<]*)</span>.*?<div class=\"small text-body-secondary\">\\s*(?<said>Créé|Modifié) le", RegexOptions.Singleline)]
    private static partial Regex Entry();
}
