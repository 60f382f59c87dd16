using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Infrastructure.Email;
using PartnershipPortal.Web.Infrastructure.Formatting;
using PartnershipPortal.Web.Infrastructure.Hosting;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Applications;

/// <summary>
/// Mails the association about its application: the acknowledgement, a completeness notice, the decision. Queued in the
/// outbox, they are saved by the caller's next save with the change they tell about. Never a reviewer or a score.
/// </summary>
public sealed class ApplicationMailer(PortalDbContext db, MailOutbox outbox, PublicLinks links, IStringLocalizer<SharedResource> l)
{
    public Task QueueSubmittedAsync(Application application, CancellationToken cancellationToken) =>
        QueueAsync(application.AssociationId, application.Id, culture => (
            l["Candidature {0} déposée", application.AcknowledgementNumber!],
            [
                l["Votre candidature « {0} » a bien été déposée.", application.ProjectTitle],
                l["Numéro d'accusé de réception : {0}", application.AcknowledgementNumber!],
            ]), cancellationToken);

    public Task QueueIncompleteAsync(Application application, string message, CancellationToken cancellationToken) =>
        QueueAsync(application.AssociationId, application.Id, culture => (
            l["Candidature {0} incomplète", application.AcknowledgementNumber!],
            [
                l["Le ministère a examiné votre candidature « {0} » : elle est incomplète.", application.ProjectTitle],
                message,
                l["Complétez-la puis déposez-la à nouveau depuis votre espace."],
            ]), cancellationToken);

    public Task QueueDecisionAsync(Application application, CancellationToken cancellationToken) =>
        QueueAsync(application.AssociationId, application.Id, culture => (
            l["Décision sur la candidature {0}", application.AcknowledgementNumber!],
            application.Status switch
            {
                ApplicationStatus.Accepted =>
                [
                    l["Votre candidature « {0} » est retenue.", application.ProjectTitle],
                    l["Montant accordé : {0}", PortalFormat.Dirhams(application.GrantedAmountCentimes ?? 0, culture)],
                    l["Le ministère vous contactera pour préparer la convention."],
                ],
                ApplicationStatus.Rejected =>
                [
                    l["Votre candidature « {0} » n'est pas retenue.", application.ProjectTitle],
                    l["Motif : {0}", application.DecisionReason ?? ""],
                ],
                _ => [l["Votre candidature « {0} » est inscrite sur la liste d'attente.", application.ProjectTitle]],
            }), cancellationToken);

    /// <summary>The number changed before the save (taken by a submission at the same instant): the queued mails follow.</summary>
    public void RenumberQueued(string oldNumber, string newNumber)
    {
        foreach (var entry in db.ChangeTracker.Entries<OutboxMail>().Where(e => e.State == EntityState.Added))
        {
            entry.Entity.Subject = entry.Entity.Subject.Replace(oldNumber, newNumber, StringComparison.Ordinal);
            entry.Entity.Body = entry.Entity.Body.Replace(oldNumber, newNumber, StringComparison.Ordinal);
        }
    }

    /// <summary>One mail per account of the association, in the account's language; the association's address when it has none.</summary>
    private async Task QueueAsync(int associationId, int applicationId, Func<string, (string Subject, string[] Lines)> compose, CancellationToken cancellationToken)
    {
        var accounts = await db.Users.AsNoTracking().Where(u => u.AssociationId == associationId && u.Email != null)
            .Select(u => new { u.Email, u.PreferredCulture }).ToListAsync(cancellationToken);
        var recipients = accounts.Select(a => (Email: a.Email!, Culture: PortalCultures.Normalize(a.PreferredCulture ?? PortalCultures.French))).ToList();
        if (recipients.Count == 0)
        {
            var email = await db.Associations.Where(a => a.Id == associationId).Select(a => a.Email).SingleOrDefaultAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(email))
            {
                return;
            }

            recipients.Add((email, PortalCultures.French));
        }

        // The link leads to the page; an application id in it gives nothing to whoever is not the association.
        var link = links.Action("Details", "MonEspaceCandidatures", new { id = applicationId }).AbsoluteUri;
        var requestCulture = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var (email, culture) in recipients)
            {
                CultureInfo.CurrentUICulture = PortalCultures.Create(culture);
                var (subject, lines) = compose(culture);
                var body = string.Join("\r\n\r\n", new[] { l["Bonjour,"].Value }.Concat(lines).Append(link)) + "\r\n";
                outbox.Add(email, subject, body);
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = requestCulture;
        }
    }
}
