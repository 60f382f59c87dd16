using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>
/// The follow-up kept between writes (its count and pages, for a minute at most) is the day's: just after midnight, with
/// nothing written, a line that fell due shows late and a line that came within the horizon is counted. The clock moves,
/// so the class has its portal.
/// </summary>
public sealed class EcheanceDayTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    [Fact]
    public async Task The_next_day_the_kept_list_shows_what_fell_due_late_and_counts_what_came_within_the_horizon()
    {
        // Half a minute before midnight (the portal's local time is the clock's UTC).
        factory.Clock.SetUtcNow(new DateTimeOffset(2061, 12, 10, 23, 59, 30, TimeSpan.Zero));
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var adminId = await SecurityTestKit.UserIdAsync(factory, "admin@portail.test");
        var references = new List<string>();
        foreach (var due in new[] { new DateOnly(2061, 12, 10), new DateOnly(2062, 1, 10) })
        {
            var id = await AddAsync(factory, 2061, ConventionStatus.InProgress, new Line("Projet suivi", 10_000_00));
            await factory.WithDbAsync(async db =>
            {
                await db.Conventions.Where(c => c.Id == id).ExecuteUpdateAsync(x => x.SetProperty(c => c.FollowUpAgentId, adminId));
                db.ConventionReports.Add(new ConventionReport { ConventionId = id, Kind = ReportKind.Interim, DueDate = due, Status = ReportStatus.Due });
                await db.SaveChangesAsync();
            });
            references.Add((await LoadAsync(factory, id)).Reference);
        }

        var url = $"/Echeances?agentId={adminId}&kind=Report";
        var today = await FlatTextAsync(await agent.GetAsync(url));
        Assert.Contains("1 résultat(s)", today, StringComparison.Ordinal);
        Assert.Contains("10/12/2061 Rapport intermédiaire " + references[0], today, StringComparison.Ordinal);
        Assert.DoesNotContain(references[1] + " ", today, StringComparison.Ordinal);

        // Forty seconds later, the next day, nothing written meanwhile.
        factory.Clock.Advance(TimeSpan.FromSeconds(40));
        var later = await FlatTextAsync(await agent.GetAsync(url));
        Assert.Contains("2 résultat(s)", later, StringComparison.Ordinal);
        Assert.Contains("10/12/2061 En retard Rapport intermédiaire " + references[0], later, StringComparison.Ordinal);
        Assert.Contains("10/01/2062 Rapport intermédiaire " + references[1], later, StringComparison.Ordinal);
    }
}
