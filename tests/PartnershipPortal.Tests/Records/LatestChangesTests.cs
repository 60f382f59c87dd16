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

        var client = await factory.SignedInClientAsync("agent@portail.test");
        var changes = Changes(await client.GetStringAsync("/Dashboard"));

        Assert.Equal(("Association du tableau", "Modifié"), changes[0]);
        // The convention and its project, saved together, in either order.
        Assert.Equal(["Modifié", "Créé", "Créé"], changes.Take(3).Select(c => c.Said));
        Assert.Contains(changes.Skip(1).Take(2), c => c.Label == "Projet du tableau");
        Assert.Contains(changes.Skip(1).Take(2), c => c.Label.EndsWith(" · Association du tableau", StringComparison.Ordinal));
        Assert.Equal([("Atelier du tableau", "Créé"), ("TB-1 · Appel du tableau", "Créé")], changes.Skip(3).Take(2));
        Assert.Equal(12, changes.Count);
    }

    /// <summary>One save a minute after the previous one.</summary>
    private Task<T> WriteAsync<T>(Func<PartnershipPortal.Data.PortalDbContext, Task<T>> write)
    {
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        return factory.WithDbAsync(write);
    }

    /// <summary>The list's entries in the page's order: (label, "Créé" or "Modifié").</summary>
    private static List<(string Label, string Said)> Changes(string html)
    {
        var list = Regex.Match(html, "<ul class=\"list-group latest-changes\">(.*?)</ul>", RegexOptions.Singleline).Groups[1].Value;
        return [.. Entry().Matches(list).Select(m => (WebUtility.HtmlDecode(m.Groups["label"].Value).Trim(), m.Groups["said"].Value))];
    }

    [GeneratedRegex("<a [^>]*>(?<label>[^<]*)</a>.*?<div class=\"small text-body-secondary\">\\s*(?<said>Créé|Modifié) le", RegexOptions.Singleline)]
    private static partial Regex Entry();
}
