using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Files;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using PartnershipPortal.Web.Features.Conventions;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;

namespace PartnershipPortal.Tests.Conventions;

/// <summary>What the confirmation page of a status change shows before anything is changed, and what a refused one says.</summary>
public sealed class TransitionPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string MissingPieces = "Le dossier juridique de l'association est incomplet : une ou plusieurs pièces manquent.";
    private const string ExpiredPiece = "Le dossier juridique de l'association contient une pièce expirée.";

    [Theory]
    [InlineData(ConventionStatus.Draft, ConventionTransition.Sign, "agent@portail.test", "Signer la convention {0} ?")]
    [InlineData(ConventionStatus.Signed, ConventionTransition.Start, "agent@portail.test", "Démarrer la convention {0} ?")]
    [InlineData(ConventionStatus.InProgress, ConventionTransition.Complete, "agent@portail.test", "Clôturer la convention {0} ?")]
    [InlineData(ConventionStatus.Draft, ConventionTransition.Cancel, "agent@portail.test", "Annuler la convention {0} ?")]
    [InlineData(ConventionStatus.Signed, ConventionTransition.Terminate, "agent@portail.test", "Résilier la convention {0} ?")]
    [InlineData(ConventionStatus.Completed, ConventionTransition.Reopen, "admin@portail.test", "Rouvrir la convention {0} ?")]
    public async Task Each_confirmation_page_asks_its_question_with_the_reference_and_carries_the_version_it_was_opened_on(
        ConventionStatus status, ConventionTransition transition, string user, string question)
    {
        var client = await factory.SignedInClientAsync(user);
        var id = await AddAsync(factory, 2084, status, new Line("Maison des jeunes", 12_000_00));
        var stored = await LoadAsync(factory, id);

        var html = await client.PageAsync($"/Conventions/Transition/{id}?transition={transition}");

        var text = RecordPages.Text(html);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, question, stored.Reference), text, StringComparison.Ordinal);
        Assert.Equal(stored.Version.ToString(), RecordPages.InputValue(html, "Version"));
        Assert.Contains("data-confirm-transition", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Action impossible", text, StringComparison.Ordinal);

        // The association written by the test has no legal document at all: only the signature looks at that.
        if (transition == ConventionTransition.Sign)
        {
            Assert.Contains(MissingPieces, text, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("Le dossier juridique", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Attention avant de signer", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_confirmation_page_the_status_does_not_allow_says_why_and_offers_no_button()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var draft = await AddAsync(factory, 2084, ConventionStatus.Draft, new Line("Atelier de couture", 8_000_00));
        var completed = await AddAsync(factory, 2084, ConventionStatus.Completed, new Line("Atelier de poterie", 8_000_00));

        var start = await agent.PageAsync($"/Conventions/Transition/{draft}?transition=Start");
        Assert.Contains("Action impossible", RecordPages.Text(start), StringComparison.Ordinal);
        Assert.Contains("L'action « Démarrer » n'est pas possible sur une convention au statut « Brouillon ». Rien n'a été changé.",
            RecordPages.Text(start), StringComparison.Ordinal);
        Assert.DoesNotContain("data-confirm-transition", start, StringComparison.Ordinal);

        var reopenByAgent = await agent.PageAsync($"/Conventions/Transition/{completed}?transition=Reopen");
        Assert.Contains("Seul un administrateur peut rouvrir une convention. Rien n'a été changé.", RecordPages.Text(reopenByAgent), StringComparison.Ordinal);
        Assert.DoesNotContain("data-confirm-transition", reopenByAgent, StringComparison.Ordinal);

        // A draft is never reopened, by anyone: the agent is told that, not that an administrator could.
        var reopenDraft = RecordPages.Text(await agent.PageAsync($"/Conventions/Transition/{draft}?transition=Reopen"));
        Assert.Contains("L'action « Rouvrir » n'est pas possible sur une convention au statut « Brouillon ». Rien n'a été changé.", reopenDraft, StringComparison.Ordinal);
        Assert.DoesNotContain("Seul un administrateur", reopenDraft, StringComparison.Ordinal);

        var reopenByAdmin = await admin.PageAsync($"/Conventions/Transition/{completed}?transition=Reopen");
        Assert.Contains("data-confirm-transition", reopenByAdmin, StringComparison.Ordinal);
        Assert.DoesNotContain("Action impossible", RecordPages.Text(reopenByAdmin), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_reopening_by_hand_is_refused_as_not_an_administrator_or_as_impossible_and_nothing_changes()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var completed = await AddAsync(factory, 2084, ConventionStatus.Completed, new Line("Bibliothèque", 9_000_00));
        var draft = await AddAsync(factory, 2084, ConventionStatus.Draft, new Line("Ludothèque", 9_000_00));

        foreach (var (id, said, notSaid) in new[]
        {
            (completed, "Seul un administrateur peut rouvrir une convention.", "n'est pas possible"),
            (draft, "L'action « Rouvrir » n'est pas possible sur une convention au statut « Brouillon ».", "Seul un administrateur"),
        })
        {
            var before = await LoadAsync(factory, id);

            var response = await PostAsync(agent, $"/Conventions/Transition/{id}?transition=Reopen", ("Version", before.Version.ToString()), ("Reason", "Essai"));

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var text = await TextAsync(response);
            Assert.Contains(said, text, StringComparison.Ordinal);
            Assert.DoesNotContain(notSaid, text, StringComparison.Ordinal);
            var after = await LoadAsync(factory, id);
            Assert.Equal((before.Status, before.Version), (after.Status, after.Version));
        }
    }

    [Fact]
    public async Task The_signing_page_names_a_missing_piece_or_an_expired_one_and_says_nothing_of_a_complete_dossier()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var valid = new DateOnly(2099, 12, 31);
        var complete = await DossierTestData.AddAssociationAsync(factory, "Association au dossier complet", DossierTestData.AllKinds(valid));
        var expired = await DossierTestData.AddAssociationAsync(factory, "Association au RIB de 2001",
            [.. DossierTestData.AllKinds(valid, "RIB"), ("RIB", new DateOnly(2001, 1, 31))]);
        var missing = await DossierTestData.AddAssociationAsync(factory, "Association sans statuts", DossierTestData.AllKinds(valid, "STATUTS"));

        foreach (var (association, warning, notSaid) in new[]
        {
            (complete, (string?)null, "Le dossier juridique"),
            (expired, ExpiredPiece, MissingPieces),
            (missing, MissingPieces, ExpiredPiece),
        })
        {
            var id = await AddAsync(factory, 2085, ConventionStatus.Draft, association, null, null, new Line("Salle de lecture", 20_000_00));

            var html = await agent.PageAsync($"/Conventions/Transition/{id}?transition=Sign");

            var text = RecordPages.Text(html);
            Assert.DoesNotContain(notSaid, text, StringComparison.Ordinal);
            Assert.Contains("data-confirm-transition", html, StringComparison.Ordinal);
            if (warning is null)
            {
                Assert.DoesNotContain("Attention avant de signer", text, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("Attention avant de signer", text, StringComparison.Ordinal);
                Assert.Contains(warning, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_transition_of_a_convention_that_does_not_exist_answers_not_found()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var missing = await factory.WithDbAsync(db => db.Conventions.MaxAsync(c => c.Id)) + 1000;

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/Conventions/Transition/{missing}?transition=Start")).StatusCode);
        var posted = await PostAsync(agent, $"/Conventions/Transition/{missing}?transition=Start", ("Version", Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Conventions.AnyAsync(c => c.Id == missing)));
    }

    [Fact]
    public async Task A_confirmation_sent_back_for_a_missing_field_keeps_what_was_typed()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2084, ConventionStatus.InProgress, new Line("Centre aéré", 15_000_00));
        var before = await LoadAsync(factory, id);

        var noReason = await PostAsync(agent, $"/Conventions/Transition/{id}?transition=Terminate", ("Version", before.Version.ToString()), ("Date", "2084-06-01"));
        var noDate = await PostAsync(agent, $"/Conventions/Transition/{id}?transition=Terminate", ("Version", before.Version.ToString()), ("Reason", "Local fermé"));

        var first = await noReason.Content.ReadAsStringAsync();
        Assert.Contains("Le motif de la résiliation est obligatoire.", RecordPages.Text(first), StringComparison.Ordinal);
        Assert.Equal("2084-06-01", RecordPages.InputValue(first, "Date"));
        Assert.Equal(before.Version.ToString(), RecordPages.InputValue(first, "Version"));
        var second = await noDate.Content.ReadAsStringAsync();
        Assert.Contains("La date de résiliation est obligatoire.", RecordPages.Text(second), StringComparison.Ordinal);
        Assert.Equal("Local fermé", RecordPages.TextArea(second, "Reason"));
        var after = await LoadAsync(factory, id);
        Assert.Equal((ConventionStatus.InProgress, before.Version), (after.Status, after.Version));
    }

    [Fact]
    public async Task The_notes_page_shows_the_stored_notes_the_message_and_the_version()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2086, ConventionStatus.Signed, associationId: null, internalNotes: "Relancer le trésorier",
            message: "Pensez au rapport d'étape", new Line("Soutien scolaire", 30_000_00));
        var stored = await LoadAsync(factory, id);

        var html = await agent.PageAsync($"/Conventions/Notes/{id}");

        Assert.Equal("Relancer le trésorier", RecordPages.TextArea(html, "InternalNotes"));
        Assert.Equal("Pensez au rapport d'étape", RecordPages.TextArea(html, "MessageToAssociation"));
        Assert.Equal(stored.Version.ToString(), RecordPages.InputValue(html, "Version"));
    }

    [Fact]
    public async Task Notes_saved_from_a_page_opened_before_another_save_are_refused_with_who_saved_when_and_both_values()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var id = await AddAsync(factory, 2086, ConventionStatus.Signed, new Line("Cours du soir", 30_000_00));
        var reference = (await LoadAsync(factory, id)).Reference;
        var opened = RecordPages.InputValue(await agent.PageAsync($"/Conventions/Notes/{id}"), "Version");

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, $"/Conventions/Notes/{id}",
            ("Version", opened), ("InternalNotes", "Note de l'administrateur"), ("MessageToAssociation", ""))).StatusCode);
        var saved = await LoadAsync(factory, id);
        var response = await PostAsync(agent, $"/Conventions/Notes/{id}",
            ("Version", opened), ("InternalNotes", "Note de l'agent"), ("MessageToAssociation", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(
            string.Create(CultureInfo.InvariantCulture,
                $"admin@portail.test a enregistré la convention {reference} le {saved.UpdatedAtUtc:dd/MM/yyyy} à {saved.UpdatedAtUtc:HH:mm} UTC, après que vous l'avez ouverte. Rien n'a été enregistré de votre saisie."),
            RecordPages.Text(html), StringComparison.Ordinal);
        Assert.Equal([("Notes internes", "Note de l'administrateur", "Note de l'agent"), ("Message à l'association", "", "")], RecordPages.ConflictRows(html));
        Assert.Equal(saved.Version.ToString(), RecordPages.InputValue(html, "Version"));
        var after = await LoadAsync(factory, id);
        Assert.Equal(("Note de l'administrateur", (string?)null, saved.Version), (after.InternalNotes, after.MessageToAssociation, after.Version));
    }

    [Fact]
    public async Task Notes_overtaken_by_a_save_signed_by_nobody_are_refused_with_a_question_mark_for_the_name_and_empty_values_shown_empty()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2086, ConventionStatus.Signed, associationId: null, internalNotes: "Ancienne note", message: null,
            new Line("Chorale", 30_000_00));
        var reference = (await LoadAsync(factory, id)).Reference;
        var opened = RecordPages.InputValue(await agent.PageAsync($"/Conventions/Notes/{id}"), "Version");

        // A change written by a process that signs nobody's name (an import), straight into the table.
        var imported = Guid.NewGuid();
        await factory.WithDbAsync(db => db.Conventions.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.InternalNotes, (string?)null).SetProperty(c => c.MessageToAssociation, "Message importé")
            .SetProperty(c => c.UpdatedBy, (string?)null).SetProperty(c => c.UpdatedAtUtc, new DateTime(2086, 5, 4, 7, 8, 0, DateTimeKind.Utc))
            .SetProperty(c => c.Version, imported)));
        var response = await PostAsync(agent, $"/Conventions/Notes/{id}",
            ("Version", opened), ("InternalNotes", ""), ("MessageToAssociation", "Message de l'agent"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(
            $"? a enregistré la convention {reference} le 04/05/2086 à 07:08 UTC, après que vous l'avez ouverte. Rien n'a été enregistré de votre saisie.",
            RecordPages.Text(html), StringComparison.Ordinal);
        Assert.Equal([("Notes internes", "", ""), ("Message à l'association", "Message importé", "Message de l'agent")], RecordPages.ConflictRows(html));
        var after = await LoadAsync(factory, id);
        Assert.Equal(((string?)null, "Message importé", imported), (after.InternalNotes, after.MessageToAssociation, after.Version));
    }
}

/// <summary>With Rules:RequireCompleteDossier=true the dossier's problem is a reason not to sign, on the page and when posted.</summary>
public sealed class RequiredDossierSigningTests(DossierSigningRefusalTests.RequireCompleteDossierFactory factory)
    : IClassFixture<DossierSigningRefusalTests.RequireCompleteDossierFactory>
{
    [Fact]
    public async Task A_missing_piece_blocks_the_signature_on_its_page_and_when_posted_and_nothing_changes()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var id = await AddAsync(factory, 2087, ConventionStatus.Draft, new Line("Jardin partagé", 25_000_00));
        var before = await LoadAsync(factory, id);

        var html = await agent.PageAsync($"/Conventions/Transition/{id}?transition=Sign");
        Assert.Contains("Action impossible", RecordPages.Text(html), StringComparison.Ordinal);
        Assert.Contains("Le dossier juridique de l'association est incomplet : une ou plusieurs pièces manquent.", RecordPages.Text(html), StringComparison.Ordinal);
        Assert.DoesNotContain("data-confirm-transition", html, StringComparison.Ordinal);

        var response = await PostAsync(agent, $"/Conventions/Transition/{id}?transition=Sign", ("Version", before.Version.ToString()), ("Date", "2087-03-01"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("une ou plusieurs pièces manquent", await TextAsync(response), StringComparison.Ordinal);
        var after = await LoadAsync(factory, id);
        Assert.Equal((ConventionStatus.Draft, before.Version, (DateOnly?)null), (after.Status, after.Version, after.SigningDate));
    }
}
