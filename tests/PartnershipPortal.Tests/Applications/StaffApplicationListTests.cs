using System.Globalization;
using System.Text.RegularExpressions;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using static PartnershipPortal.Tests.Applications.ApplicationTestKit;

namespace PartnershipPortal.Tests.Applications;

/// <summary>Staff's list of applications: paged like the other lists, searched, filtered by call and status.</summary>
public sealed partial class StaffApplicationListTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_second_page_shows_the_oldest_submissions_of_the_call()
    {
        var (call, _) = await ThirtyApplicationsAsync();
        var staff = await factory.SignedInClientAsync("agent@portail.test");

        var first = await PageAsync(staff, $"/Candidatures?call={call.Id}");
        var second = await PageAsync(staff, $"/Candidatures?call={call.Id}&page=2");

        // Newest submission first, 25 a page: the second page holds the five first submitted.
        Assert.Equal(Enumerable.Range(6, 25).Reverse().Select(Title), Titles(first));
        Assert.Equal(Enumerable.Range(1, 5).Reverse().Select(Title), Titles(second));
        Assert.Contains("30 résultat(s) · 26 à 30", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_and_the_status_filter_narrow_the_list()
    {
        var (call, reference) = await ThirtyApplicationsAsync(incomplete: [4, 12, 27]);
        var staff = await factory.SignedInClientAsync("agent@portail.test");

        var byTitle = await PageAsync(staff, $"/Candidatures?call={call.Id}&q={Uri.EscapeDataString(Title(17))}");
        var byNumber = await PageAsync(staff, $"/Candidatures?q={reference}-09");
        var incomplete = await PageAsync(staff, $"/Candidatures?call={call.Id}&status=Incomplete");
        var sortedByTitle = await PageAsync(staff, $"/Candidatures?call={call.Id}&sort=project&page=2");

        Assert.Equal([Title(17)], Titles(byTitle));
        Assert.Equal([Title(9)], Titles(byNumber));
        Assert.Equal([Title(27), Title(12), Title(4)], Titles(incomplete));
        Assert.Equal(Enumerable.Range(26, 5).Select(Title), Titles(sortedByTitle));
    }

    private static string Title(int i) => string.Create(CultureInfo.InvariantCulture, $"Projet listé {i:00}");

    private static List<string> Titles(string page) => ListedTitle().Matches(page).Select(m => m.Groups["title"].Value).ToList();

    [GeneratedRegex("<bdi>(?<title>Projet listé \\d\\d)</bdi>")]
    private static partial Regex ListedTitle();

    /// <summary>Thirty submitted applications to a call of the test's own, submitted a minute apart (number 01 first).</summary>
    private async Task<(TestCall Call, string Reference)> ThirtyApplicationsAsync(params int[] incomplete)
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31));
        var associationId = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var prefix = "L" + Guid.NewGuid().ToString("N")[..8];
        await factory.WithDbAsync(async db =>
        {
            var start = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
            for (var i = 1; i <= 30; i++)
            {
                db.Applications.Add(new Application
                {
                    CallForProjectsId = call.Id, AssociationId = associationId, ProjectTitle = Title(i),
                    Status = incomplete.Contains(i) ? ApplicationStatus.Incomplete : ApplicationStatus.Submitted,
                    AcknowledgementNumber = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:00}"),
                    SubmittedAtUtc = start.AddMinutes(i), RequestedAmountCentimes = 50_000_00,
                });
            }

            await db.SaveChangesAsync();
        });
        return (call, prefix);
    }
}
