using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Auditing;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Associations;
using PartnershipPortal.Web.Features.Files;
using PartnershipPortal.Web.Features.Payments;
using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Web.Features.Reports;

/// <summary>What a save or a review answered: done, missing, or refused with the messages (field, message; an empty field for the whole).</summary>
public sealed record ReportOutcome(bool NotFound, IReadOnlyList<(string Field, string Message)> Errors)
{
    public static ReportOutcome Missing() => new(true, []);

    public static ReportOutcome Done() => new(false, []);

    public static ReportOutcome Refused(string message, string field = "") => new(false, [(field, message)]);

    public bool Succeeded => !NotFound && Errors.Count == 0;
}

/// <summary>
/// The reports a convention owes: written and submitted by its association (again after a return), reviewed by staff.
/// The exchange is kept as <see cref="ReportMessage"/>s; approving the final report is what lets the balance be paid
/// (<see cref="PaymentService"/> checks it).
/// </summary>
public sealed class ReportService(
    PortalDbContext db, PaymentService payments, ReportMailer mailer, FileStore files, Dossier.DossierService dossier, ICurrentActor actor,
    TimeProvider time, IStringLocalizer<SharedResource> l)
{
    public const string AttachedTo = nameof(ConventionReport);

    public async Task<OwnReportsPage> OwnListAsync(int associationId, CancellationToken cancellationToken)
    {
        var conventions = await db.Conventions.AsNoTracking()
            .Where(c => c.AssociationId == associationId && Convention.SignedStatuses.Contains(c.Status))
            .OrderByDescending(c => c.BudgetYear).ThenBy(c => c.Sequence)
            .Select(c => new { c.Id, c.Reference, c.Status, c.TotalCentimes }).ToListAsync(cancellationToken);
        var ids = conventions.Select(c => c.Id).ToList();
        var reports = await db.ConventionReports.AsNoTracking().Where(r => ids.Contains(r.ConventionId)).OrderBy(r => r.DueDate)
            .Select(r => new { r.ConventionId, Line = new ReportLine(r.Id, r.Kind, r.DueDate, r.Status, r.SubmittedAtUtc) }).ToListAsync(cancellationToken);
        var result = new List<OwnConventionMoney>();
        foreach (var c in conventions)
        {
            result.Add(new OwnConventionMoney(c.Id, c.Reference, c.Status, c.TotalCentimes, await payments.TranchesAsync(c.Id, cancellationToken),
                [.. reports.Where(r => r.ConventionId == c.Id).Select(r => r.Line)]));
        }

        return new OwnReportsPage { Conventions = result };
    }

    /// <summary>The association's own report of a signed convention, or null (another association's answers the same).</summary>
    public Task<ReportPage?> OwnAsync(int associationId, int id, CancellationToken cancellationToken) =>
        PageAsync(db.ConventionReports.Where(r => r.Id == id && r.Convention!.AssociationId == associationId
            && Convention.SignedStatuses.Contains(r.Convention.Status)), cancellationToken);

    public Task<ReportPage?> StaffAsync(int id, CancellationToken cancellationToken) =>
        PageAsync(db.ConventionReports.Where(r => r.Id == id), cancellationToken);

    public Task<bool> BelongsToAnotherAssociationAsync(int associationId, int id, CancellationToken cancellationToken) =>
        db.ConventionReports.AnyAsync(r => r.Id == id && r.Convention!.AssociationId != associationId, cancellationToken);

    private async Task<ReportPage?> PageAsync(IQueryable<ConventionReport> query, CancellationToken cancellationToken)
    {
        var report = await query.AsNoTracking().Include(r => r.BudgetLines).Include(r => r.Messages)
            .Select(r => new { Report = r, r.Convention!.Reference, Association = r.Convention.Association!.Name, r.Convention.TotalCentimes })
            .SingleOrDefaultAsync(cancellationToken);
        if (report is null)
        {
            return null;
        }

        var r = report.Report;
        var tranches = await payments.TranchesAsync(r.ConventionId, cancellationToken);
        var lines = await BudgetLinesAsync(r, cancellationToken);
        var idText = r.Id.ToString(CultureInfo.InvariantCulture);
        var attachments = await db.StoredFiles.AsNoTracking()
            .Where(f => f.AttachedTo == AttachedTo && f.AttachedToId == idText && f.DeletedAtUtc == null).OrderBy(f => f.UploadedAtUtc)
            .Select(f => new AttachmentView(f.Id, f.FileName, f.SizeBytes)).ToListAsync(cancellationToken);
        var planned = await db.Applications.AsNoTracking().Where(a => a.ConventionId == r.ConventionId).OrderBy(a => a.Id)
            .Select(a => new PlannedBeneficiaries(a.PlannedChildren, a.PlannedWomen, a.PlannedMen, a.PlannedMigrants, a.PlannedRefugees))
            .FirstOrDefaultAsync(cancellationToken);
        return new ReportPage
        {
            Id = r.Id,
            ConventionId = r.ConventionId,
            ConventionReference = report.Reference,
            Association = report.Association,
            Kind = r.Kind,
            DueDate = r.DueDate,
            Status = r.Status,
            SubmittedAtUtc = r.SubmittedAtUtc,
            ConventionTotalCentimes = report.TotalCentimes,
            ReceivedCentimes = tranches.Sum(t => t.PaidCentimes),
            Tranches = tranches,
            BudgetLines = lines,
            Planned = planned,
            Attachments = attachments,
            Messages = [.. r.Messages.OrderBy(m => m.AtUtc).ThenBy(m => m.Id).Select(m => new ReportMessageView(m.Kind, m.FromStaff, m.Text, m.AtUtc, m.CreatedBy))],
            Form = new ReportForm
            {
                Version = r.Version, Narrative = r.Narrative, ReachedChildren = r.ReachedChildren, ReachedWomen = r.ReachedWomen, ReachedMen = r.ReachedMen,
                ReachedMigrants = r.ReachedMigrants, ReachedRefugees = r.ReachedRefugees,
                Spent = [.. lines.Select(x => r.BudgetLines.Count == 0 ? null : AmountInput.ForInput(x.SpentCentimes))],
            },
        };
    }

    /// <summary>The report's stored lines; before the first save, the budget of the application the convention came from, else its projects.</summary>
    private async Task<List<BudgetLineView>> BudgetLinesAsync(ConventionReport report, CancellationToken cancellationToken)
    {
        if (report.BudgetLines.Count > 0)
        {
            return [.. report.BudgetLines.OrderBy(x => x.DisplayOrder).Select(x => new BudgetLineView(x.Category, x.PlannedCentimes, x.SpentCentimes))];
        }

        var fromApplication = await db.ApplicationBudgetLines.AsNoTracking()
            .Where(x => x.Application!.ConventionId == report.ConventionId).OrderBy(x => x.DisplayOrder).ThenBy(x => x.Id)
            .Select(x => new BudgetLineView(x.Category, x.AmountCentimes, 0)).ToListAsync(cancellationToken);
        if (fromApplication.Count > 0)
        {
            return fromApplication;
        }

        return await db.Projects.AsNoTracking().Where(p => p.ConventionId == report.ConventionId && p.Status != ProjectStatus.Cancelled).OrderBy(p => p.Id)
            .Select(p => new BudgetLineView(p.Title, p.AmountCentimes, 0)).ToListAsync(cancellationToken);
    }

    /// <summary>Saves the association's report as a draft, or submits it (again after a return); nothing is saved when a field is wrong.</summary>
    public async Task<ReportOutcome> SaveAsync(int associationId, int id, ReportForm form, bool submit, CancellationToken cancellationToken)
    {
        var report = await db.ConventionReports.Include(r => r.BudgetLines)
            .SingleOrDefaultAsync(r => r.Id == id && r.Convention!.AssociationId == associationId && Convention.SignedStatuses.Contains(r.Convention.Status), cancellationToken);
        if (report is null)
        {
            return ReportOutcome.Missing();
        }

        if (!ConventionReport.EditableStatuses.Contains(report.Status))
        {
            return ReportOutcome.Refused(l["Ce rapport est {0} : il ne se modifie plus.", l[PaymentText.Of(report.Status)].Value.ToLowerInvariant()]);
        }

        if (form.Version != report.Version)
        {
            return ReportOutcome.Refused(l["Le rapport a été modifié depuis que vous avez ouvert cette page. Rien n'a été enregistré : rechargez la page et recommencez."]);
        }

        var lines = await BudgetLinesAsync(report, cancellationToken);
        var errors = new List<(string, string)>();
        var spent = new long[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var text = i < form.Spent.Count ? form.Spent[i] : null;
            if (string.IsNullOrWhiteSpace(text))
            {
                if (submit)
                {
                    errors.Add(($"Spent[{i}]", l["Indiquez le montant dépensé sur la ligne « {0} » (0 si rien).", lines[i].Category]));
                }
            }
            else if (!AmountInput.TryParseCentimes(text, out spent[i]) || spent[i] >= AmountInput.UpperBoundCentimes)
            {
                errors.Add(($"Spent[{i}]", l["Le montant dépensé sur la ligne « {0} » n'est pas un montant en dirhams (par exemple 12 500).", lines[i].Category]));
            }
        }

        var narrative = AssociationService.Clean(form.Narrative);
        if (submit && narrative is null)
        {
            errors.Add((nameof(ReportForm.Narrative), l["Décrivez les activités réalisées avant de remettre le rapport."]));
        }

        if (errors.Count > 0)
        {
            return new ReportOutcome(false, errors);
        }

        db.Entry(report).Property(r => r.Version).OriginalValue = form.Version;
        report.Narrative = narrative;
        (report.ReachedChildren, report.ReachedWomen, report.ReachedMen, report.ReachedMigrants, report.ReachedRefugees) =
            (form.ReachedChildren, form.ReachedWomen, form.ReachedMen, form.ReachedMigrants, form.ReachedRefugees);
        if (report.BudgetLines.Count == 0)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                report.BudgetLines.Add(new ReportBudgetLine { Category = lines[i].Category, PlannedCentimes = lines[i].PlannedCentimes, SpentCentimes = spent[i], DisplayOrder = i });
            }
        }
        else
        {
            foreach (var line in report.BudgetLines)
            {
                line.SpentCentimes = spent[line.DisplayOrder];
            }
        }

        if (submit)
        {
            var now = time.GetUtcNow().UtcDateTime;
            report.Messages.Add(new ReportMessage
            {
                Kind = report.Status == ReportStatus.Returned ? ReportMessageKind.Resubmission : ReportMessageKind.Submission,
                FromStaff = false, Text = AssociationService.Clean(form.Message), AtUtc = now,
            });
            report.Status = ReportStatus.Submitted;
            report.SubmittedAtUtc = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return ReportOutcome.Done();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ReportOutcome.Refused(l["Le rapport a été modifié depuis que vous avez ouvert cette page. Rien n'a été enregistré : rechargez la page et recommencez."]);
        }
    }

    /// <summary>Keeps an attachment of a report the association may still change, through the file store.</summary>
    public async Task<string?> AttachAsync(int associationId, int id, ReceivedUpload upload, CancellationToken cancellationToken)
    {
        var status = await db.ConventionReports.AsNoTracking()
            .Where(r => r.Id == id && r.Convention!.AssociationId == associationId && Convention.SignedStatuses.Contains(r.Convention.Status))
            .Select(r => (ReportStatus?)r.Status).SingleOrDefaultAsync(cancellationToken);
        if (status is not { } s || !ConventionReport.EditableStatuses.Contains(s))
        {
            return l["Ce rapport ne reçoit plus de pièces jointes."];
        }

        // The report exists: the file is attached to it from the start, never seen unattached.
        var (_, refusal) = await files.SaveAsync(upload, associationId, AttachedTo, id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return refusal is null ? null : dossier.Message(refusal);
    }

    public Task<ReportOutcome> ApproveAsync(int id, ReviewForm form, CancellationToken cancellationToken) => ReviewAsync(id, approve: true, form, cancellationToken);

    public Task<ReportOutcome> ReturnAsync(int id, ReviewForm form, CancellationToken cancellationToken) => ReviewAsync(id, approve: false, form, cancellationToken);

    /// <summary>Staff's answer to a submitted report: approved, or returned with what is missing; the association is told by mail.</summary>
    private async Task<ReportOutcome> ReviewAsync(int id, bool approve, ReviewForm form, CancellationToken cancellationToken)
    {
        var report = await db.ConventionReports.Include(r => r.Convention).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return ReportOutcome.Missing();
        }

        if (report.Status != ReportStatus.Submitted)
        {
            return ReportOutcome.Refused(l["Seul un rapport remis s'approuve ou se renvoie ; celui-ci est {0}. Rien n'a été changé.", l[PaymentText.Of(report.Status)].Value.ToLowerInvariant()]);
        }

        var comment = AssociationService.Clean(form.Comment);
        if (!approve && comment is null)
        {
            return ReportOutcome.Refused(l["Dites à l'association ce qui manque : le commentaire est obligatoire pour renvoyer un rapport."], nameof(ReviewForm.Comment));
        }

        var now = time.GetUtcNow().UtcDateTime;
        report.Status = approve ? ReportStatus.Approved : ReportStatus.Returned;
        if (approve)
        {
            report.ApprovedAtUtc = now;
            report.ApprovedBy = actor.Name;
            if (report.Kind == ReportKind.Final)
            {
                // Approving the final report releases the balance: the follow-up lists it to order from today.
                foreach (var balance in await db.PaymentTranches.Where(t => t.ConventionId == report.ConventionId && t.IsBalance).ToListAsync(cancellationToken))
                {
                    balance.ReleasedOn = PaymentSchedule.ReleasedOn(true, balance.PlannedDate, DateOnly.FromDateTime(now));
                }
            }
        }

        report.Messages.Add(new ReportMessage { Kind = approve ? ReportMessageKind.Approved : ReportMessageKind.Returned, FromStaff = true, Text = comment, AtUtc = now });
        await mailer.QueueReviewAsync(report, comment, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return ReportOutcome.Done();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ReportOutcome.Refused(l["Quelqu'un d'autre a examiné ce rapport en même temps. Rien n'a été changé : rechargez la page."]);
        }
    }
}
