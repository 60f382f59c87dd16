using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using static PartnershipPortal.Tests.Applications.ApplicationTestKit;

namespace PartnershipPortal.Tests.Applications;

/// <summary>
/// The association's page of open calls and the form it applies with, read as the association reads them: which calls,
/// in which order, with their own domains and criteria in order, and its applications newest first. The clock stands still.
/// </summary>
public sealed class CallPageTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    private const string Association = "association@portail.test";

    private DateOnly Today => DateOnly.FromDateTime(factory.Clock.GetLocalNow().DateTime);

    [Fact]
    public async Task Open_calls_come_by_deadline_then_reference_and_a_call_closing_today_is_still_open()
    {
        await factory.WithDbAsync(async db =>
        {
            foreach (var (reference, deadline) in new[] { ("OC-B", Today), ("OC-A", Today), ("OC-C", Today.AddDays(10)), ("OC-D", Today.AddDays(-1)) })
            {
                db.Calls.Add(new CallForProjects { Reference = reference, Title = "Appel " + reference, Year = Today.Year, Deadline = deadline, Status = CallForProjectsStatus.Open });
            }

            await db.SaveChangesAsync();
        });
        var client = await factory.SignedInClientAsync(Association);

        var page = await PageAsync(client, "/MonEspace/Appels");

        Assert.Equal(["OC-A", "OC-B", "OC-C"], CallReferences(page).Where(r => r.StartsWith("OC-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_call_shows_its_own_domains_and_its_criteria_in_their_order_and_its_form_offers_only_its_domains()
    {
        var (id, first, second) = await factory.WithDbAsync(async db =>
        {
            var domains = await db.Domains.OrderBy(d => d.DisplayOrder).Take(3).ToListAsync();
            var call = new CallForProjects { Reference = "DC-1", Title = "Appel à deux domaines", Year = Today.Year, Status = CallForProjectsStatus.Open, Domains = [domains[1], domains[0]] };
            db.Calls.Add(call);
            db.Calls.Add(new CallForProjects { Reference = "DC-2", Title = "Appel d'un autre domaine", Year = Today.Year, Status = CallForProjectsStatus.Open, Domains = [domains[2]] });
            await db.SaveChangesAsync();
            // Saved one by one, so that the two criteria of rank 1 are written in this order.
            foreach (var (label, order) in new[] { ("Pertinence DC", 1), ("Faisabilité DC", 0), ("Impact DC", 1) })
            {
                db.ScoringCriteria.Add(new ScoringCriterion { CallForProjectsId = call.Id, Label = label, Weight = 1, Maximum = 10, DisplayOrder = order });
                await db.SaveChangesAsync();
            }

            return (call.Id, domains[0].NameFr, domains[1].NameFr);
        });
        var client = await factory.SignedInClientAsync(Association);

        var page = Regex.Replace(Records.RecordPages.Text(await client.GetStringAsync("/MonEspace/Appels")), @"\s+", " ");
        var section = page[page.IndexOf("DC-1 · Appel à deux domaines", StringComparison.Ordinal)..page.IndexOf("DC-2 · ", StringComparison.Ordinal)];
        Assert.Contains($"Domaines d'intervention {first}, {second} ", section, StringComparison.Ordinal);
        Assert.Matches("Faisabilité DC.*Pertinence DC.*Impact DC", section);

        var form = await client.GetStringAsync($"/MonEspace/Appels/Candidater?appel={id}");
        Assert.Equal(["—", first, second], Records.RecordPages.Options(form, "Form.DomainId"));
    }

    [Fact]
    public async Task The_association_s_applications_are_listed_newest_first()
    {
        var call = await CreateOpenCallAsync(factory, null);
        var client = await factory.SignedInClientAsync(Association);
        var applyUrl = $"/MonEspace/Appels/Candidater?appel={call.Id}";
        RedirectedId(await client.PostFormAsync(applyUrl, applyUrl, [new("Form.ProjectTitle", "Brouillon d'hier"), new("intent", "draft")]));
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        RedirectedId(await client.PostFormAsync(applyUrl, applyUrl, [new("Form.ProjectTitle", "Brouillon d'aujourd'hui"), new("intent", "draft")]));

        var page = await PageAsync(client, "/MonEspace/Appels");

        Assert.Matches("(?s)Brouillon d'aujourd'hui.*Brouillon d'hier", page[page.IndexOf("Mes candidatures", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Applying_to_a_call_that_does_not_exist_or_was_closed_saves_nothing_and_says_why()
    {
        var client = await factory.SignedInClientAsync(Association);
        var before = await factory.WithDbAsync(db => db.Applications.CountAsync());
        const string Missing = "/MonEspace/Appels/Candidater?appel=987654";
        var token = HtmlForms.AntiforgeryToken(await client.GetStringAsync("/MonEspace/Appels"));
        var missing = await client.PostAsync(Missing, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Form.ProjectTitle", "Nulle part"), new("intent", "draft")]));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // Closed by the ministry on the day of its deadline: not open, though its deadline has not passed.
        var call = await CreateOpenCallAsync(factory, Today);
        var applyUrl = $"/MonEspace/Appels/Candidater?appel={call.Id}";
        var token2 = HtmlForms.AntiforgeryToken(await client.GetStringAsync(applyUrl));
        await factory.WithDbAsync(db => db.Calls.Where(c => c.Id == call.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CallForProjectsStatus.Closed)));
        var closed = await client.PostAsync(applyUrl, new FormUrlEncodedContent([new("__RequestVerificationToken", token2), new("Form.ProjectTitle", "Trop tard"), new("intent", "draft")]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, closed.StatusCode);
        Assert.Contains("Cet appel à projets n'est pas ouvert : rien n'a été enregistré.", await TextAsync(closed), StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Applications.CountAsync()));
    }

    /// <summary>The references of the calls on the page, in its order (each call's heading is "reference · title").</summary>
    private static List<string> CallReferences(string page) =>
        [.. Regex.Matches(page, "<h2 class=\"h5 card-title\" id=\"call-\\d+\">([^<]*?) · ").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
}
