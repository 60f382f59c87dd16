using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using static PartnershipPortal.Tests.Applications.ApplicationTestKit;

namespace PartnershipPortal.Tests.Applications;

/// <summary>
/// What a submission needs, field by field: each gap refused with the sentence the association reads, and no
/// application saved. A draft needs none of it. Each test opens a call of its own, without a deadline.
/// </summary>
public sealed class ApplicationRefusalTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Association = "association@portail.test";

    public static TheoryData<string, string, string?, string> Gaps => new()
    {
        { "sans domaine", "Form.DomainId", null, "Choisissez le domaine d'intervention." },
        { "sans région", "Form.Region", null, "Choisissez la région du projet." },
        { "ville blanche", "Form.City", "  ", "La ville du projet est obligatoire pour déposer la candidature." },
        { "sans résumé", "Form.Summary", "", "Le résumé, les objectifs et les activités prévues sont obligatoires pour déposer la candidature." },
        { "sans objectifs", "Form.Objectives", "", "Le résumé, les objectifs et les activités prévues sont obligatoires pour déposer la candidature." },
        { "sans activités", "Form.PlannedActivities", " ", "Le résumé, les objectifs et les activités prévues sont obligatoires pour déposer la candidature." },
        { "sans début", "Form.StartDate", null, "Les dates de début et de fin sont obligatoires pour déposer la candidature." },
        { "sans fin", "Form.EndDate", null, "Les dates de début et de fin sont obligatoires pour déposer la candidature." },
        { "sans montant", "Form.RequestedAmount", null, "Le montant demandé est obligatoire pour déposer la candidature." },
        { "montant autre que les lignes du ministère", "Form.RequestedAmount", "90 000",
            "Les lignes financées par le ministère totalisent 100 000 DH : le montant demandé doit être le même (90 000 DH)." },
        { "ligne sans rubrique", "Form.Lines[1].Category", "", "Chaque ligne du budget a une rubrique." },
        { "partenaire sans nom", "Form.Lines[1].Funder", nameof(BudgetFunder.OtherPartner), "Nommez le partenaire qui finance la ligne « Locaux »." },
    };

    [Theory]
    [MemberData(nameof(Gaps))]
    public async Task A_submission_with_a_gap_is_refused_with_its_reason_and_nothing_is_saved(string gap, string field, string? value, string message)
    {
        var call = await CreateOpenCallAsync(factory, null);
        var client = await factory.SignedInClientAsync(Association);
        var applyUrl = $"/MonEspace/Appels/Candidater?appel={call.Id}";
        var form = CompleteForm(call.DomainId, "Lacune : " + gap, "100 000").Where(f => f.Key != field).ToList();
        if (value is not null)
        {
            form.Add(new(field, value));
        }

        var response = await client.PostFormAsync(applyUrl, applyUrl, [.. form, new("intent", "submit")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, Spaced(await TextAsync(response)), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Applications.CountAsync(a => a.CallForProjectsId == call.Id)));
    }

    /// <summary>The page's text with the thousands' non-breaking spaces as plain ones, to read amounts as written here.</summary>
    [Fact]
    public async Task A_budget_without_lines_and_a_domain_outside_the_call_are_refused()
    {
        var call = await CreateOpenCallAsync(factory, null);
        var client = await factory.SignedInClientAsync(Association);
        var applyUrl = $"/MonEspace/Appels/Candidater?appel={call.Id}";

        var noLines = await client.PostFormAsync(applyUrl, applyUrl,
            [.. CompleteForm(call.DomainId, "Sans budget", "100 000").Where(f => !f.Key.StartsWith("Form.Lines", StringComparison.Ordinal)), new("intent", "submit")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noLines.StatusCode);
        Assert.Contains("Le budget du projet compte au moins une ligne.", await TextAsync(noLines), StringComparison.Ordinal);

        var otherDomain = await factory.WithDbAsync(db => db.Domains.Where(d => d.Id != call.DomainId).Select(d => d.Id).FirstAsync());
        // Even a draft does not take a domain the call is not about.
        var outside = await client.PostFormAsync(applyUrl, applyUrl,
            [.. CompleteForm(call.DomainId, "Hors domaine", "100 000").With("Form.DomainId", otherDomain.ToString(CultureInfo.InvariantCulture)), new("intent", "draft")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        Assert.Contains("Ce domaine n'est pas un domaine de l'appel à projets.", await TextAsync(outside), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Applications.CountAsync(a => a.CallForProjectsId == call.Id)));
    }

    [Fact]
    public async Task A_draft_keeps_its_budget_lines_in_order_and_a_partner_s_name_only_on_a_partner_s_line()
    {
        var call = await CreateOpenCallAsync(factory, null);
        var client = await factory.SignedInClientAsync(Association);
        var applyUrl = $"/MonEspace/Appels/Candidater?appel={call.Id}";

        var response = await client.PostFormAsync(applyUrl, applyUrl,
        [
            new("Form.ProjectTitle", "  Brouillon à trois lignes  "), new("intent", "draft"),
            new("Form.Lines[0].Category", " Animation "), new("Form.Lines[0].Amount", "10 000"), new("Form.Lines[0].Funder", nameof(BudgetFunder.Ministry)),
            new("Form.Lines[0].PartnerName", "Ignoré"),
            new("Form.Lines[1].Category", ""), new("Form.Lines[1].Amount", ""),
            new("Form.Lines[2].Category", "Transport"), new("Form.Lines[2].Amount", "2 500,50"), new("Form.Lines[2].Funder", nameof(BudgetFunder.OtherPartner)),
            new("Form.Lines[2].PartnerName", " Commune de Salé "),
        ]);

        var id = RedirectedId(response);
        var saved = await factory.WithDbAsync(db => db.Applications.AsNoTracking().Include(a => a.BudgetLines).SingleAsync(a => a.Id == id));
        Assert.Equal((ApplicationStatus.Draft, "Brouillon à trois lignes", 0L, (string?)null), (saved.Status, saved.ProjectTitle, saved.RequestedAmountCentimes, saved.AcknowledgementNumber));
        Assert.Equal([(0, "Animation", 10_000_00L, BudgetFunder.Ministry, (string?)null), (1, "Transport", 2_500_50L, BudgetFunder.OtherPartner, "Commune de Salé")],
            saved.BudgetLines.OrderBy(l => l.DisplayOrder).Select(l => (l.DisplayOrder, l.Category, l.AmountCentimes, l.Funder, l.PartnerName)));
    }

    [Fact]
    public async Task A_draft_opened_again_shows_what_was_saved_and_saving_it_again_replaces_its_lines()
    {
        var call = await CreateOpenCallAsync(factory, null);
        var client = await factory.SignedInClientAsync(Association);
        var applyUrl = $"/MonEspace/Appels/Candidater?appel={call.Id}";
        var id = RedirectedId(await client.PostFormAsync(applyUrl, applyUrl,
        [
            new("Form.ProjectTitle", "Brouillon relu"), new("intent", "draft"),
            new("Form.Lines[0].Category", "Animation"), new("Form.Lines[0].Amount", "10 000"), new("Form.Lines[0].Funder", nameof(BudgetFunder.Ministry)),
            new("Form.Lines[1].Category", "Transport"), new("Form.Lines[1].Amount", "2 500,50"), new("Form.Lines[1].Funder", nameof(BudgetFunder.OtherPartner)),
            new("Form.Lines[1].PartnerName", "Commune de Salé"),
        ]));
        var url = $"/MonEspace/Candidatures/{id}";

        var page = await client.GetStringAsync(url);
        // No amount asked yet: an empty field, not "0".
        Assert.Equal("", Records.RecordPages.InputValue(page, "Form.RequestedAmount"));
        Assert.Equal(("Animation", "10 000", "Transport", "2 500,50", "Commune de Salé"), (Records.RecordPages.InputValue(page, "Form.Lines[0].Category"),
            Spaced(Records.RecordPages.InputValue(page, "Form.Lines[0].Amount")), Records.RecordPages.InputValue(page, "Form.Lines[1].Category"),
            Spaced(Records.RecordPages.InputValue(page, "Form.Lines[1].Amount")), Records.RecordPages.InputValue(page, "Form.Lines[1].PartnerName")));

        Assert.Equal(id, RedirectedId(await client.PostFormAsync(url, url,
        [
            new("Form.ProjectTitle", "Brouillon relu"), new("Form.RequestedAmount", "7 000"), new("Form.Version", (await factory.ApplicationVersionAsync(id)).ToString()), new("intent", "draft"),
            new("Form.Lines[0].Category", "Repas"), new("Form.Lines[0].Amount", "7 000"), new("Form.Lines[0].Funder", nameof(BudgetFunder.Ministry)),
        ])));

        var lines = await factory.WithDbAsync(db => db.ApplicationBudgetLines.AsNoTracking().Where(l => l.ApplicationId == id).Select(l => l.Category).ToListAsync());
        Assert.Equal(["Repas"], lines);
        Assert.Equal("7 000", Spaced(Records.RecordPages.InputValue(await client.GetStringAsync(url), "Form.RequestedAmount")));
    }

    [Fact]
    public async Task The_service_answers_missing_for_an_application_of_another_association()
    {
        var call = await CreateOpenCallAsync(factory, null);
        var id = await factory.SubmitApplicationAsync(call, "Candidature d'une autre", "60 000");
        var demo = await Security.SecurityTestKit.DemoAssociationIdAsync(factory);
        var other = await factory.WithDbAsync(db => db.Associations.Where(a => a.Id != demo).Select(a => a.Id).FirstAsync());

        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<PartnershipPortal.Web.Features.Applications.ApplicationService>().UpdateAsync(other, id,
            new PartnershipPortal.Web.Features.Applications.ApplicationForm { Version = await factory.ApplicationVersionAsync(id), ProjectTitle = "Prise" }, submit: false, CancellationToken.None);

        Assert.True(result.Outcome.NotFound);
        Assert.Equal("Candidature d'une autre", await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.ProjectTitle).SingleAsync()));
    }

    [Fact]
    public async Task A_draft_whose_call_was_closed_is_no_longer_saved()
    {
        var call = await CreateOpenCallAsync(factory, null);
        var client = await factory.SignedInClientAsync(Association);
        var applyUrl = $"/MonEspace/Appels/Candidater?appel={call.Id}";
        var id = RedirectedId(await client.PostFormAsync(applyUrl, applyUrl, [new("Form.ProjectTitle", "Avant la clôture"), new("intent", "draft")]));
        var url = $"/MonEspace/Candidatures/{id}";
        var token = HtmlForms.AntiforgeryToken(await client.GetStringAsync(url));
        var version = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
        await factory.WithDbAsync(async db =>
        {
            await db.Calls.Where(c => c.Id == call.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CallForProjectsStatus.Closed));
        });

        var response = await client.PostAsync(url, new FormUrlEncodedContent(
            [new("Form.ProjectTitle", "Après la clôture"), new("Form.Version", version.ToString()), new("intent", "draft"), new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Cet appel à projets n'est pas ouvert : rien n'a été enregistré.", await TextAsync(response), StringComparison.Ordinal);
        Assert.Equal("Avant la clôture", await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.ProjectTitle).SingleAsync()));
    }

    [Fact]
    public async Task A_draft_saved_in_another_tab_is_not_overwritten()
    {
        var call = await CreateOpenCallAsync(factory, null);
        var client = await factory.SignedInClientAsync(Association);
        var applyUrl = $"/MonEspace/Appels/Candidater?appel={call.Id}";
        var id = RedirectedId(await client.PostFormAsync(applyUrl, applyUrl, [new("Form.ProjectTitle", "Premier titre"), new("intent", "draft")]));
        var url = $"/MonEspace/Candidatures/{id}";
        var opened = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
        Assert.Equal(id, RedirectedId(await client.PostFormAsync(url, url,
            [new("Form.ProjectTitle", "Titre de l'autre onglet"), new("Form.Version", opened.ToString()), new("intent", "draft")])));

        var stale = await client.PostFormAsync(url, url,
            [new("Form.ProjectTitle", "Titre du premier onglet"), new("Form.RequestedAmount", "12 345"), new("Form.Version", opened.ToString()), new("intent", "draft")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        var text = await TextAsync(stale);
        Assert.Contains("Cette candidature a été enregistrée le", text, StringComparison.Ordinal);
        // The comparison, row by row: what is stored beside what this tab typed.
        Assert.Equal([("Intitulé du projet", "Titre de l'autre onglet", "Titre du premier onglet"), ("Montant demandé", "0 DH", "12 345"), ("Statut", "Brouillon", "Brouillon")],
            Records.RecordPages.ConflictRows(text).Select(r => (r.Field, r.Stored, r.Typed)));
        Assert.Equal("Titre de l'autre onglet", await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.ProjectTitle).SingleAsync()));
    }
}
