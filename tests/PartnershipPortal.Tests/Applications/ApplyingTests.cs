using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using static PartnershipPortal.Tests.Applications.ApplicationTestKit;

namespace PartnershipPortal.Tests.Applications;

/// <summary>The association's side: open calls, a draft, the submission before the deadline, the ceiling, read-only afterwards.</summary>
public sealed class ApplyingTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    private const string Association = "association@portail.test";

    private DateOnly Today => DateOnly.FromDateTime(factory.Clock.GetLocalNow().DateTime);

    [Fact]
    public async Task Open_calls_show_their_ceiling_deadline_and_criteria_and_closed_ones_are_not_listed()
    {
        var open = await CreateOpenCallAsync(factory, Today.AddDays(10), 150_000_00, 900_000_00, ("Pertinence du projet test", 3, 10));
        var past = await CreateOpenCallAsync(factory, Today.AddDays(-1));
        var client = await factory.SignedInClientAsync(Association);

        var page = await PageAsync(client, "/MonEspace/Appels");

        Assert.Contains(open.Reference, page, StringComparison.Ordinal);
        Assert.Contains(Dirhams(150_000_00), page, StringComparison.Ordinal);
        Assert.Contains(Dirhams(900_000_00), page, StringComparison.Ordinal);
        Assert.Contains(PortalDate(Today.AddDays(10)), page, StringComparison.Ordinal);
        Assert.Contains("Pertinence du projet test", page, StringComparison.Ordinal);
        Assert.DoesNotContain(past.Reference, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/MonEspace/Appels/Candidater?appel={past.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_draft_is_saved_then_submitted_with_a_number_shown_and_mailed_and_is_read_only_afterwards()
    {
        var call = await CreateOpenCallAsync(factory, Today.AddDays(5), 200_000_00);
        var client = await factory.SignedInClientAsync(Association);
        var applyUrl = $"/MonEspace/Appels/Candidater?appel={call.Id}";

        // A draft needs only its title.
        var draft = await client.PostFormAsync(applyUrl, applyUrl, [new("Form.ProjectTitle", "Brouillon de test"), new("intent", "draft")]);
        var id = RedirectedId(draft);
        var stored = await factory.WithDbAsync(db => db.Applications.SingleAsync(a => a.Id == id));
        Assert.Equal(ApplicationStatus.Draft, stored.Status);
        Assert.Null(stored.AcknowledgementNumber);

        var url = $"/MonEspace/Candidatures/{id}";
        var mailsBefore = (await MailsAsync(factory)).Count;
        var submitted = await client.PostFormAsync(url, url,
            [.. CompleteForm(call.DomainId, "Théâtre de test", "100 000", "25 000"), new("Form.Version", stored.Version.ToString()), new("intent", "submit")]);
        Assert.Equal(id, RedirectedId(submitted));

        var application = await factory.WithDbAsync(db => db.Applications.Include(a => a.BudgetLines).SingleAsync(a => a.Id == id));
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal(100_000_00, application.RequestedAmountCentimes);
        Assert.Equal(2, application.BudgetLines.Count);
        Assert.Matches($"^CAND-{factory.Clock.GetLocalNow().Year}-\\d{{4}}$", application.AcknowledgementNumber);

        var page = await PageAsync(client, url);
        Assert.Contains(application.AcknowledgementNumber!, page, StringComparison.Ordinal);
        Assert.Contains("Déposée", page, StringComparison.Ordinal);
        // Co-financing: 25 000 of 125 000.
        Assert.Contains(Dirhams(125_000_00), page, StringComparison.Ordinal);
        Assert.Contains(PartnershipPortal.Web.Infrastructure.Formatting.PortalFormat.Percent(0.2m, "fr"), page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"intent\"", page, StringComparison.Ordinal);

        var mails = await MailsAsync(factory);
        var mail = Assert.Single(mails.Skip(mailsBefore), m => m.IsTo(Association));
        Assert.Contains(application.AcknowledgementNumber!, mail.Subject, StringComparison.Ordinal);
        Assert.Contains(application.AcknowledgementNumber!, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://localhost/MonEspace/Candidatures/{id}", mail.TextBody, StringComparison.Ordinal);

        // Read-only: a posted change is refused and nothing changes.
        var again = await client.PostAsync(url, new FormUrlEncodedContent(
            [.. CompleteForm(call.DomainId, "Changé après dépôt", "90 000"), new("Form.Version", application.Version.ToString()), new("intent", "draft"),
             new("__RequestVerificationToken", HtmlForms.AntiforgeryToken(await client.GetStringAsync("/MonEspace/Appels")))]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("ne peut plus être modifiée", await TextAsync(again), StringComparison.Ordinal);
        Assert.Equal("Théâtre de test", await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.ProjectTitle).SingleAsync()));
    }

    [Fact]
    public async Task A_request_above_the_calls_ceiling_is_refused_and_nothing_is_saved()
    {
        var call = await CreateOpenCallAsync(factory, Today.AddDays(5), 100_000_00);
        var client = await factory.SignedInClientAsync(Association);
        var applyUrl = $"/MonEspace/Appels/Candidater?appel={call.Id}";
        var mailsBefore = (await MailsAsync(factory)).Count;

        var response = await client.PostFormAsync(applyUrl, applyUrl, [.. CompleteForm(call.DomainId, "Trop cher", "100 000,01"), new("intent", "submit")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("dépasse le plafond par projet", await TextAsync(response), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Applications.CountAsync(a => a.CallForProjectsId == call.Id)));
        Assert.Equal(mailsBefore, (await MailsAsync(factory)).Count);

        // At the ceiling exactly, it goes through.
        var atCeiling = await client.PostFormAsync(applyUrl, applyUrl, [.. CompleteForm(call.DomainId, "Au plafond", "100 000"), new("intent", "submit")]);
        RedirectedId(atCeiling);
    }

    [Fact]
    public async Task A_form_opened_before_the_deadline_and_posted_after_it_is_refused_and_nothing_is_saved()
    {
        // 23:50 on the deadline day, by the server's clock: the form is opened...
        var local = factory.Clock.GetLocalNow();
        factory.Clock.Advance(local.Date.AddDays(1).AddMinutes(-10) - local.DateTime);
        var deadline = Today;
        var call = await CreateOpenCallAsync(factory, deadline);
        var client = await factory.SignedInClientAsync(Association);
        var applyUrl = $"/MonEspace/Appels/Candidater?appel={call.Id}";
        var token = HtmlForms.AntiforgeryToken(await client.GetStringAsync(applyUrl));

        // ...and posted at 00:01, the day after.
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        var mailsBefore = (await MailsAsync(factory)).Count;
        var response = await client.PostAsync(applyUrl, new FormUrlEncodedContent(
            [.. CompleteForm(call.DomainId, "En retard", "50 000"), new("intent", "submit"), new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains($"La date limite de dépôt ({PortalDate(deadline)}) est passée", await TextAsync(response), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Applications.CountAsync(a => a.CallForProjectsId == call.Id)));
        Assert.Equal(mailsBefore, (await MailsAsync(factory)).Count);
    }

    [Fact]
    public async Task An_association_gets_nothing_of_another_associations_application()
    {
        var call = await CreateOpenCallAsync(factory, Today.AddDays(5));
        var owner = await factory.SignedInClientAsync(Association);
        var applyUrl = $"/MonEspace/Appels/Candidater?appel={call.Id}";
        var id = RedirectedId(await owner.PostFormAsync(applyUrl, applyUrl, [new("Form.ProjectTitle", "Projet confidentiel"), new("intent", "draft")]));

        await SecurityTestKit.EnsureOtherAssociationAccountAsync(factory);
        var other = await factory.SignedInClientAsync(SecurityTestKit.OtherAssociationEmail);
        var response = await other.GetAsync($"/MonEspace/Candidatures/{id}");
        var missing = await other.GetAsync("/MonEspace/Candidatures/99999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.DoesNotContain("Projet confidentiel", await TextAsync(response), StringComparison.Ordinal);
        Assert.DoesNotContain("Projet confidentiel", await PageAsync(other, "/MonEspace/Appels"), StringComparison.Ordinal);

        // A post to it changes nothing either.
        var post = await other.PostFormAsync("/MonEspace/Appels", $"/MonEspace/Candidatures/{id}", [new("Form.ProjectTitle", "Volé"), new("intent", "draft")]);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("Projet confidentiel", await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.ProjectTitle).SingleAsync()));
    }

    private static string Dirhams(long centimes) => PartnershipPortal.Web.Infrastructure.Formatting.PortalFormat.Dirhams(centimes, "fr");

    private static string PortalDate(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
