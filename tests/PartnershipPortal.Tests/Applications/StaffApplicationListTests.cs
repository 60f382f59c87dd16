using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
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

    [Fact]
    public async Task Sorted_by_acknowledgement_number_or_by_association_the_list_follows_them()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31));
        var prefix = "S" + Guid.NewGuid().ToString("N")[..8];
        await factory.WithDbAsync(async db =>
        {
            var zenith = new Association { Name = $"Association Zénith {prefix}", RegistrationNumber = $"{prefix}-Z", City = "Rabat", Region = Region.Oriental };
            var azur = new Association { Name = $"Association Azur {prefix}", RegistrationNumber = $"{prefix}-A", City = "Rabat", Region = Region.Oriental };
            var start = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
            // Submitted 91, 92, 93; numbered 03, 01, 02; Zénith, Azur, Zénith.
            foreach (var (i, number, association) in new[] { (91, "03", zenith), (92, "01", azur), (93, "02", zenith) })
            {
                db.Applications.Add(new Application
                {
                    CallForProjectsId = call.Id, Association = association, ProjectTitle = Title(i), Status = ApplicationStatus.Submitted,
                    AcknowledgementNumber = $"{prefix}-{number}", SubmittedAtUtc = start.AddMinutes(i), RequestedAmountCentimes = 50_000_00,
                });
                await db.SaveChangesAsync();
            }
        });
        var staff = await factory.SignedInClientAsync("agent@portail.test");

        Assert.Equal([Title(93), Title(92), Title(91)], Titles(await PageAsync(staff, $"/Candidatures?call={call.Id}")));
        Assert.Equal([Title(92), Title(93), Title(91)], Titles(await PageAsync(staff, $"/Candidatures?call={call.Id}&sort=number")));
        Assert.Equal([Title(92), Title(91), Title(93)], Titles(await PageAsync(staff, $"/Candidatures?call={call.Id}&sort=association")));
    }

    [Fact]
    public async Task An_association_s_draft_is_not_found_by_staff_to_check_its_completeness()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31));
        var associationId = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var draft = await factory.WithDbAsync(async db =>
        {
            var application = new Application
            {
                CallForProjectsId = call.Id, AssociationId = associationId, ProjectTitle = "Brouillon en cours", Status = ApplicationStatus.Draft,
                RequestedAmountCentimes = 50_000_00,
            };
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            return application;
        });
        var staff = await factory.SignedInClientAsync("agent@portail.test");

        var response = await staff.PostFormAsync("/Candidatures", $"/Candidatures/{draft.Id}/Completude",
            [new("Completeness.Version", draft.Version.ToString()), new("Completeness.Verdict", "Incomplete"), new("Completeness.Message", "Joignez les statuts.")]);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ApplicationStatus.Draft, await factory.ApplicationStatusAsync(draft.Id));
        Assert.Equal(0, await factory.WithDbAsync(db => db.ApplicationMessages.CountAsync(m => m.ApplicationId == draft.Id)));
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
