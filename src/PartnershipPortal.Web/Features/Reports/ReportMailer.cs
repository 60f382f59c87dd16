using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Payments;
using PartnershipPortal.Web.Infrastructure.Email;
using PartnershipPortal.Web.Infrastructure.Formatting;
using PartnershipPortal.Web.Infrastructure.Hosting;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Reports;

/// <summary>
/// Mails the association about its reports: staff's answer, and the reminders around the due date. Queued in the
/// outbox, saved by the caller's save; the link leads to the report's page, which answers only its association.
/// </summary>
public sealed class ReportMailer(PortalDbContext db, MailOutbox outbox, PublicLinks links, IStringLocalizer<SharedResource> l)
{
    public Task QueueReviewAsync(ConventionReport report, string? comment, CancellationToken cancellationToken) =>
        QueueAsync(report.Convention!.AssociationId, report.Id, null, _ => report.Status == ReportStatus.Approved
            ? (l["{0} de la convention {1} approuvé", l[PaymentText.Of(report.Kind)], report.Convention.Reference],
                [l["Le ministère a approuvé le {0} de la convention {1}.", l[PaymentText.Of(report.Kind)].Value.ToLowerInvariant(), report.Convention.Reference], comment ?? ""])
            : (l["{0} de la convention {1} à compléter", l[PaymentText.Of(report.Kind)], report.Convention.Reference],
                [l["Le ministère vous renvoie le {0} de la convention {1} pour le compléter :", l[PaymentText.Of(report.Kind)].Value.ToLowerInvariant(), report.Convention.Reference],
                    comment ?? "", l["Complétez-le puis remettez-le à nouveau depuis votre espace."]]), cancellationToken);

    /// <summary>
    /// One reminder per account of the association for this report and stage; the outbox's unique deduplication key
    /// (report, stage, recipient) makes a second queueing of the same reminder fail instead of sending it twice. False
    /// when the association has nobody to write to (no account, no address).
    /// </summary>
    public Task<bool> QueueReminderAsync(int associationId, int reportId, string reference, ReportKind kind, DateOnly due, int offsetDays, int repetition, CancellationToken cancellationToken) =>
        QueueAsync(associationId, reportId, StageKey(reportId, offsetDays, repetition), culture => offsetDays < 0
            ? (l["Rappel : {0} de la convention {1} attendu le {2}", l[PaymentText.Of(kind)], reference, PortalFormat.Date(due)],
                [l["Le {0} de la convention {1} est attendu le {2}.", l[PaymentText.Of(kind)].Value.ToLowerInvariant(), reference, PortalFormat.Date(due)]])
            : (l["Retard : {0} de la convention {1} attendu le {2}", l[PaymentText.Of(kind)], reference, PortalFormat.Date(due)],
                [l["Le {0} de la convention {1} était attendu le {2} et n'a pas été remis.", l[PaymentText.Of(kind)].Value.ToLowerInvariant(), reference, PortalFormat.Date(due)]]),
            cancellationToken);

    /// <summary>The stage's part of the deduplication key; a repetition after the last stage is numbered (<c>relance:2</c>).</summary>
    public static string StageKey(int reportId, int offsetDays, int repetition = 0) => repetition > 0
        ? string.Create(CultureInfo.InvariantCulture, $"rapport:{reportId}:relance:{repetition}")
        : string.Create(CultureInfo.InvariantCulture, $"rapport:{reportId}:{(offsetDays < 0 ? "avant" : "apres")}:{Math.Abs(offsetDays)}");

    private async Task<bool> QueueAsync(int associationId, int reportId, string? deduplicationKey, Func<string, (string Subject, string[] Lines)> compose, CancellationToken cancellationToken)
    {
        var accounts = await db.Users.AsNoTracking().Where(u => u.AssociationId == associationId && u.Email != null)
            .Select(u => new { u.Email, u.PreferredCulture }).ToListAsync(cancellationToken);
        var recipients = accounts.Select(a => (Email: a.Email!, Culture: PortalCultures.Normalize(a.PreferredCulture ?? PortalCultures.French))).ToList();
        if (recipients.Count == 0)
        {
            var email = await db.Associations.Where(a => a.Id == associationId).Select(a => a.Email).SingleOrDefaultAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(email))
            {
                return false;
            }

            recipients.Add((email, PortalCultures.French));
        }

        var link = links.Action("Details", "MonEspaceRapports", new { id = reportId }).AbsoluteUri;
        var requestCulture = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var (email, culture) in recipients)
            {
                CultureInfo.CurrentUICulture = PortalCultures.Create(culture);
                var (subject, lines) = compose(culture);
                var body = string.Join("\r\n\r\n", new[] { l["Bonjour,"].Value }.Concat(lines.Where(x => x.Length > 0)).Append(link)) + "\r\n";
                outbox.Add(email, subject, body, deduplicationKey is null ? null : deduplicationKey + ":" + Recipient(email));
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = requestCulture;
        }

        return true;
    }

    /// <summary>The recipient in the key without the address itself: the key is an identifier, not a copy of personal data.</summary>
    private static string Recipient(string email) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())))[..16];
}
