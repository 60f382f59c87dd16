using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnershipPortal.BrowserTests.Infrastructure;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Dossier;
using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.BrowserTests.Journeys;

/// <summary>
/// From an association's registration request to a draft convention: approval, the password chosen from the mailed
/// link, an application found incomplete, completed and submitted again, two reviews, the ranking and the acceptance.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SelectionJourneyTests(PortalServer server)
{
    private const string Password = "une phrase de passe pour candidater";

    [BrowserFact]
    public async Task A_registered_association_applies_completes_its_application_and_is_accepted_into_a_draft_convention()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = $"Association du parcours {suffix}";
        var email = $"contact-{suffix}@association.test";
        var title = $"Ateliers du parcours {suffix}";
        var (callId, reference, domainId) = await CallAsync(suffix);
        var secondReviewer = await ReviewerAsync(suffix);

        // 1. The public registration request, with its récépissé.
        var visitor = await server.NewPageAsync();
        await visitor.GotoAsync("/Inscription");
        await visitor.GetByLabel("Nom de l'association").FillAsync(name);
        await visitor.GetByLabel("Numéro d'enregistrement").FillAsync($"PARC-{suffix}");
        await visitor.GetByLabel("Région").SelectOptionAsync(nameof(Region.Oriental));
        await visitor.GetByLabel("Ville", new() { Exact = true }).FillAsync("Oujda");
        await visitor.GetByLabel("Personne de contact").FillAsync("Samira El Idrissi");
        await visitor.GetByLabel("Adresse électronique").FillAsync(email);
        await visitor.GetByLabel("Récépissé de déclaration").SetInputFilesAsync(new FilePayload
        {
            Name = "recepisse.pdf", MimeType = "application/pdf", Buffer = DemoDossierSeeder.MinimalPdf("Récépissé"),
        });
        await PostAsync(visitor, visitor.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }));
        await Assertions.Expect(visitor.Locator(".alert-success")).ToContainTextAsync("Votre demande d'inscription est enregistrée.");
        await visitor.Context.CloseAsync();

        // 2. An administrator approves it.
        var admin = await server.SignedInPageAsync("admin@portail.test");
        await Navigation(admin).GetByRole(AriaRole.Link, new() { Name = "Demandes d'inscription" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await PostAsync(admin, admin.GetByRole(AriaRole.Button, new() { Name = "Accepter la demande" }));
        await Assertions.Expect(admin.Locator(".alert-success")).ToContainTextAsync("La demande est acceptée");
        await admin.Context.CloseAsync();

        // 3. The contact chooses a password from the mailed link.
        var link = ResetLink().Match(await Mailbox.MailToAsync(server, email, "/Account/ResetPassword")).Value;
        var contact = await server.NewPageAsync();
        await contact.GotoAsync(new Uri(link).PathAndQuery);
        await contact.GetByLabel("Nouveau mot de passe", new() { Exact = true }).FillAsync(Password);
        await contact.GetByLabel("Confirmation du nouveau mot de passe").FillAsync(Password);
        await PostAsync(contact, contact.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }));
        await Assertions.Expect(contact.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre mot de passe a été réinitialisé.");
        await contact.Context.CloseAsync();

        // 4. The association applies to the open call.
        var association = await server.SignedInPageAsync(email, Password, landing: "/MonEspace");
        await Navigation(association).GetByRole(AriaRole.Link, new() { Name = "Appels à projets", Exact = true }).ClickAsync();
        var callCard = association.Locator("section.card").Filter(new() { HasText = reference });
        await callCard.GetByRole(AriaRole.Link, new() { Name = "Déposer une candidature" }).ClickAsync();
        await association.GetByLabel("Intitulé du projet").FillAsync(title);
        await association.GetByLabel("Domaine d'intervention").SelectOptionAsync(domainId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await association.GetByLabel("Région").SelectOptionAsync(nameof(Region.Oriental));
        await association.GetByLabel("Ville", new() { Exact = true }).FillAsync("Oujda");
        await association.GetByLabel("Résumé du projet").FillAsync("Ateliers d'expression pour les enfants du quartier.");
        await association.GetByLabel("Objectifs").FillAsync("Scolarisation et confiance en soi.");
        await association.GetByLabel("Activités prévues").FillAsync("Théâtre, lecture, sorties.");
        await association.GetByLabel("Enfants").FillAsync("60");
        await association.GetByLabel("Date de début").FillAsync("2027-01-04");
        await association.GetByLabel("Date de fin").FillAsync("2027-06-30");
        await association.GetByLabel("Montant demandé (DH)").FillAsync("80 000");
        await association.Locator("#Form_Lines_0__Category").FillAsync("Animation");
        await association.Locator("#Form_Lines_0__Amount").FillAsync("80 000");
        await association.Locator("#Form_Lines_0__Funder").SelectOptionAsync(nameof(BudgetFunder.Ministry));
        await association.Locator("#Form_Lines_1__Category").FillAsync("Locaux");
        await association.Locator("#Form_Lines_1__Amount").FillAsync("20 000");
        await association.Locator("#Form_Lines_1__Funder").SelectOptionAsync(nameof(BudgetFunder.Association));
        await PostAsync(association, association.GetByRole(AriaRole.Button, new() { Name = "Déposer la candidature" }));
        await Assertions.Expect(association.Locator(".alert-success")).ToContainTextAsync("Votre candidature est déposée.");
        var application = await server.WithDbAsync(db => db.Applications.AsNoTracking().Where(a => a.CallForProjectsId == callId && a.ProjectTitle == title)
            .Select(a => new { a.Id, a.AcknowledgementNumber }).SingleAsync());
        var number = application.AcknowledgementNumber!;
        await Assertions.Expect(association.Locator(".alert-success")).ToContainTextAsync(number);
        await association.Context.CloseAsync();

        // 5. An agent finds it incomplete, with a message.
        var agent = await server.SignedInPageAsync("agent@portail.test");
        await Navigation(agent).GetByRole(AriaRole.Link, new() { Name = "Candidatures", Exact = true }).ClickAsync();
        await agent.GetByLabel("Rechercher").FillAsync(number);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Filtrer", Exact = true }).ClickAsync();
        await agent.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await agent.GetByLabel("Message à l'association").FillAsync("Joignez le devis des animateurs.");
        await PostAsync(agent, agent.GetByRole(AriaRole.Button, new() { Name = "Incomplète : demander les compléments" }));
        await Assertions.Expect(agent.Locator(".alert-success")).ToContainTextAsync("La candidature est incomplète");
        await Assertions.Expect(agent.Locator("[data-status]")).ToHaveTextAsync("Incomplète");

        // 6. The association reads the message, attaches the estimate and submits again.
        association = await server.SignedInPageAsync(email, Password, landing: "/MonEspace");
        await Navigation(association).GetByRole(AriaRole.Link, new() { Name = "Appels à projets", Exact = true }).ClickAsync();
        await association.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Assertions.Expect(association.Locator("#echanges + ol")).ToContainTextAsync("Joignez le devis des animateurs.");
        await association.GetByLabel("Joindre un fichier").SetInputFilesAsync(new FilePayload
        {
            Name = "devis animateurs.pdf", MimeType = "application/pdf", Buffer = DemoDossierSeeder.MinimalPdf("Devis"),
        });
        await PostAsync(association, association.GetByRole(AriaRole.Button, new() { Name = "Joindre", Exact = true }));
        await Assertions.Expect(association.Locator(".alert-success")).ToContainTextAsync("Le fichier est joint à la candidature.");
        await Assertions.Expect(association.Locator("#attachments")).ToContainTextAsync("devis animateurs.pdf");
        await Accessibility.AssertNoSeriousViolationsAsync(association);
        await association.GetByLabel("Message au ministère").FillAsync("Le devis est joint.");
        await PostAsync(association, association.GetByRole(AriaRole.Button, new() { Name = "Déposer la candidature" }));
        await Assertions.Expect(association.Locator(".alert-success")).ToContainTextAsync(number);
        await Assertions.Expect(association.Locator("[data-status]")).ToHaveTextAsync("Déposée");
        await association.Context.CloseAsync();

        // The agent sees the answer and the file, and finds the application admissible.
        await agent.ReloadAsync();
        await Assertions.Expect(agent.Locator("#echanges + ol")).ToContainTextAsync("Le devis est joint.");
        await Assertions.Expect(agent.Locator("#attachments")).ToContainTextAsync("devis animateurs.pdf");
        await PostAsync(agent, agent.GetByRole(AriaRole.Button, new() { Name = "Recevable", Exact = true }));
        await Assertions.Expect(agent.Locator("[data-status]")).ToHaveTextAsync("Recevable");
        await agent.Context.CloseAsync();

        // 7. An administrator assigns two reviewers to the call.
        admin = await server.SignedInPageAsync("admin@portail.test");
        await admin.GotoAsync($"/Calls/Details/{callId}");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Grille et évaluateurs" }).ClickAsync();
        await admin.GetByLabel("evaluateur@portail.test").CheckAsync();
        await admin.GetByLabel(secondReviewer).CheckAsync();
        await PostAsync(admin, admin.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les évaluateurs" }));
        await Assertions.Expect(admin.Locator(".alert-success")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByLabel(secondReviewer)).ToBeCheckedAsync();
        await admin.Context.CloseAsync();

        // 8. Each declares no conflict of interest and scores: 3 × 8 + 2 × 4 = 32, then 3 × 6 + 2 × 5 = 28.
        await ReviewAsync("evaluateur@portail.test", PortalServer.DemoPassword, reference, number, [8, 4]);
        await ReviewAsync(secondReviewer, PortalServer.DemoPassword, reference, number, [6, 5]);

        // 9. The manager opens the ranking: the average of the two reviews, and their spread.
        var manager = await server.SignedInPageAsync("manager@portail.test");
        await manager.GotoAsync($"/Calls/Details/{callId}");
        await manager.GetByRole(AriaRole.Link, new() { Name = "Classement de l'appel" }).ClickAsync();
        var row = manager.Locator($"#ranking tr[data-application='{application.Id}']");
        await Assertions.Expect(row.Locator("[data-average]")).ToHaveTextAsync("30.00");
        await Assertions.Expect(row.Locator("[data-reviews]")).ToHaveTextAsync("2");
        await Assertions.Expect(row.Locator("[data-spread]")).ToHaveTextAsync("4");
        await Accessibility.AssertNoSeriousViolationsAsync(manager);

        // 10. It is accepted with a granted amount below the request.
        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await manager.GetByLabel("Montant accordé (DH)").FillAsync("70 000");
        await PostAsync(manager, manager.GetByRole(AriaRole.Button, new() { Name = "Retenir", Exact = true }));
        await Assertions.Expect(manager.Locator(".alert-success")).ToContainTextAsync("La décision est enregistrée");
        await Assertions.Expect(manager.Locator("[data-status]")).ToHaveTextAsync("Retenue");

        // 11. The draft convention, pre-filled: the association, the call, the project at the amount granted.
        await manager.GetByRole(AriaRole.Link, new() { Name = "Projet de convention" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Convention");
        await Assertions.Expect(manager.Locator("h1 + .badge")).ToHaveTextAsync("Brouillon");
        var terms = manager.Locator("dl.row").First;
        await Assertions.Expect(terms).ToContainTextAsync(name);
        await Assertions.Expect(terms).ToContainTextAsync(reference);
        var project = manager.Locator("table tbody tr").Filter(new() { HasText = title });
        await Assertions.Expect(project).ToHaveCountAsync(1);
        await Assertions.Expect(project).ToContainTextAsync("Oujda");
        await Assertions.Expect(project.Locator("td.amount")).ToHaveTextAsync(PortalFormat.Dirhams(70_000_00, "fr"));
        await Assertions.Expect(manager.Locator("#total")).ToHaveTextAsync(PortalFormat.Dirhams(70_000_00, "fr"));
        await manager.Context.CloseAsync();
    }

    private static ILocator Navigation(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });

    private async Task ReviewAsync(string email, string password, string reference, string number, int[] scores)
    {
        var reviewer = await server.SignedInPageAsync(email, password);
        await Navigation(reviewer).GetByRole(AriaRole.Link, new() { Name = "Mes évaluations" }).ClickAsync();
        await reviewer.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await reviewer.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await PostAsync(reviewer, reviewer.GetByRole(AriaRole.Button, new() { Name = "Je n'ai aucun conflit d'intérêts" }));
        await Assertions.Expect(reviewer.Locator(".alert-success")).ToContainTextAsync("Votre déclaration d'absence de conflit d'intérêts est enregistrée");
        var inputs = reviewer.Locator("input[type=number]");
        await Assertions.Expect(inputs).ToHaveCountAsync(scores.Length);
        for (var i = 0; i < scores.Length; i++)
        {
            await inputs.Nth(i).FillAsync(scores[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await PostAsync(reviewer, reviewer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer ma notation" }));
        await Assertions.Expect(reviewer.Locator(".alert-success")).ToContainTextAsync("Votre évaluation est enregistrée.");
        await reviewer.Context.CloseAsync();
    }

    /// <summary>
    /// Clicks a form's button and awaits the answer to its POST from a subscription made before the click; anything but
    /// the redirect of a saved form fails at once with the status.
    /// </summary>
    private static async Task PostAsync(IPage page, ILocator button)
    {
        var answer = await page.RunAndWaitForResponseAsync(() => button.ClickAsync(), r => r.Request.Method == "POST");
        if (answer.Status != 302)
        {
            var text = Regex.Replace(await answer.TextAsync(), "\\s+", " ");
            throw new Xunit.Sdk.XunitException($"POST {answer.Url} answered {answer.Status}: {text[..Math.Min(3000, text.Length)]}");
        }
    }

    /// <summary>An open call of the journey's own, with a grid of two criteria.</summary>
    private Task<(int Id, string Reference, int DomainId)> CallAsync(string suffix) => server.WithDbAsync(async db =>
    {
        var domain = await db.Domains.OrderBy(d => d.DisplayOrder).FirstAsync();
        var call = new CallForProjects
        {
            Reference = $"AAP-PARC-{suffix}", Title = "Appel du parcours de sélection", Year = 2027, Deadline = new DateOnly(2099, 12, 31),
            Status = CallForProjectsStatus.Open, BudgetEnvelopeCentimes = 500_000_00, MaxPerProjectCentimes = 100_000_00, Domains = [domain],
            Criteria =
            [
                new ScoringCriterion { Label = "Pertinence", Weight = 3, Maximum = 10, DisplayOrder = 0 },
                new ScoringCriterion { Label = "Capacité", Weight = 2, Maximum = 5, DisplayOrder = 1 },
            ],
        };
        db.Calls.Add(call);
        await db.SaveChangesAsync();
        return (call.Id, call.Reference, domain.Id);
    });

    /// <summary>A second reviewer account, with the demo password; an administrator assigns it in the journey.</summary>
    private async Task<string> ReviewerAsync(string suffix)
    {
        var email = $"evaluatrice-{suffix}@portail.test";
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Évaluatrice du parcours" };
        Assert.True((await users.CreateAsync(user, PortalServer.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Reviewer)).Succeeded);
        return email;
    }

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\S+")]
    private static partial Regex ResetLink();
}
