using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnershipPortal.BrowserTests.Infrastructure;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.BrowserTests.Journeys;

/// <summary>
/// An administrator creates an account linked to an association; the new user chooses a password through the mailed
/// link (the portal writes its mails to Email:PickupDirectory) and then sees that association's space.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AdministratorAccountJourneyTests(PortalServer server)
{
    [BrowserFact]
    public async Task An_administrator_creates_an_association_account_which_then_sees_that_association_s_space()
    {
        // Drafts and conventions cancelled before signature (other journeys leave some) never reach an association's space.
        var email = $"compte-{Guid.NewGuid():N}@association.test";
        var association = await server.WithDbAsync(db => db.Associations.AsNoTracking()
            .Where(a => a.Conventions.Any(c => c.Status != ConventionStatus.Draft && c.Status != ConventionStatus.Cancelled)).OrderByDescending(a => a.Id).Select(a => new { a.Id, a.Name, a.City }).FirstAsync());
        var reference = await server.WithDbAsync(db => db.Conventions.AsNoTracking()
            .Where(c => c.AssociationId == association.Id && c.Status != ConventionStatus.Draft && c.Status != ConventionStatus.Cancelled).OrderBy(c => c.Reference).Select(c => c.Reference).FirstAsync());

        var admin = await server.SignedInPageAsync("admin@portail.test");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Comptes", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Nouveau compte" }).ClickAsync();
        await admin.GetByLabel("Adresse électronique").FillAsync(email);
        await admin.GetByLabel("Nom complet").FillAsync("Karima Benali");
        await admin.GetByLabel("Rôle").SelectOptionAsync(new SelectOptionValue { Label = "Association" });
        await admin.GetByLabel("Association").SelectOptionAsync(new SelectOptionValue { Label = association.Name });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"Compte créé : un lien pour choisir son mot de passe a été envoyé à {email}.");

        // The list shows the account with its association.
        await admin.GetByLabel("Rechercher").FillAsync(email);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        var row = admin.Locator("table tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync(association.Name);
        await admin.Context.CloseAsync();

        // The new user follows the mailed link, chooses a password and signs in.
        var link = ResetLink().Match(await Mailbox.MailToAsync(server, email, "/Account/ResetPassword")).Value;
        var user = await server.NewPageAsync();
        Assert.StartsWith("http://127.0.0.1/Account/ResetPassword?", link, StringComparison.Ordinal);
        await user.GotoAsync(new Uri(link).PathAndQuery);
        await user.GetByLabel("Nouveau mot de passe", new() { Exact = true }).FillAsync("une phrase de passe assez longue");
        await user.GetByLabel("Confirmation du nouveau mot de passe").FillAsync("une phrase de passe assez longue");
        await user.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(user.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre mot de passe a été réinitialisé.");
        await user.Context.CloseAsync();

        var space = await server.SignedInPageAsync(email, "une phrase de passe assez longue", landing: "/MonEspace");
        Assert.EndsWith("/MonEspace", new Uri(space.Url).AbsolutePath, StringComparison.Ordinal);
        await Assertions.Expect(space.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(association.Name);
        await Assertions.Expect(space.GetByRole(AriaRole.Link, new() { Name = reference })).ToBeVisibleAsync();
        await Assertions.Expect(space.GetByRole(AriaRole.Link, new() { Name = "Mon espace" })).ToBeVisibleAsync();
        await Assertions.Expect(space.GetByRole(AriaRole.Link, new() { Name = "Tableau de bord" })).ToHaveCountAsync(0);
        await space.Context.CloseAsync();
    }

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\S+")]
    private static partial Regex ResetLink();
}
