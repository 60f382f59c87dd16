using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Associations;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Formatting;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Applications;

/// <summary>What a save or submission of the association's form became.</summary>
public sealed record ApplicationSaveResult(SaveOutcome Outcome, string? Number = null, bool Submitted = false);

/// <summary>
/// The association's side of a call: open calls, its applications, drafts and submissions. Every query starts from
/// the association id of the signed-in account, so another association's application is simply not found.
/// </summary>
public sealed class ApplicationService(
    PortalDbContext db, ApplicationMailer mailer, TimeProvider time, IStringLocalizer<SharedResource> l)
{
    private const int NumberingAttempts = 10;

    /// <summary>The day by the server's clock, in its time zone: a call is open through its whole deadline day.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public async Task<CallsPage> CallsPageAsync(int associationId, CancellationToken cancellationToken)
    {
        var today = Today;
        var ids = await db.Calls.AsNoTracking()
            .Where(c => c.Status == CallForProjectsStatus.Open && (c.Deadline == null || c.Deadline >= today))
            .OrderBy(c => c.Deadline).ThenBy(c => c.Reference).Select(c => c.Id).ToListAsync(cancellationToken);
        var calls = new List<OpenCall>();
        foreach (var id in ids)
        {
            calls.Add((await CallAsync(id, cancellationToken))!);
        }

        var applications = await db.Applications.AsNoTracking().Where(a => a.AssociationId == associationId)
            .OrderByDescending(a => a.CreatedAtUtc)
            .Select(a => new OwnApplicationRow(a.Id, a.AcknowledgementNumber, a.CallForProjects!.Reference, a.CallForProjects.Title,
                a.ProjectTitle, a.Status, a.RequestedAmountCentimes, a.GrantedAmountCentimes, a.SubmittedAtUtc))
            .ToListAsync(cancellationToken);
        return new CallsPage(calls, applications);
    }

    public async Task<OpenCall?> CallAsync(int callId, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == callId)
            .Select(c => new { c.Id, c.Reference, c.Title, c.Year, c.Deadline, c.BudgetEnvelopeCentimes, c.MaxPerProjectCentimes, c.Description })
            .SingleOrDefaultAsync(cancellationToken);
        if (call is null)
        {
            return null;
        }

        var domains = await db.Calls.AsNoTracking().Where(c => c.Id == callId).SelectMany(c => c.Domains).OrderBy(d => d.DisplayOrder)
            .Select(d => LocalizedName.In(PortalCultures.Current, d.NameFr, d.NameAr, d.NameEn)).ToListAsync(cancellationToken);
        var criteria = await CriteriaAsync(db, callId, cancellationToken);
        return new OpenCall(call.Id, call.Reference, call.Title, call.Year, call.Deadline, call.BudgetEnvelopeCentimes,
            call.MaxPerProjectCentimes, call.Description, domains, criteria);
    }

    public static Task<List<CriterionView>> CriteriaAsync(PortalDbContext db, int callId, CancellationToken cancellationToken) =>
        db.ScoringCriteria.AsNoTracking().Where(c => c.CallForProjectsId == callId).OrderBy(c => c.DisplayOrder).ThenBy(c => c.Id)
            .Select(c => new CriterionView(c.Id, c.Label, c.Weight, c.Maximum)).ToListAsync(cancellationToken);

    /// <summary>An open call: published and its deadline not passed by the server's clock.</summary>
    public Task<bool> IsOpenAsync(int callId, CancellationToken cancellationToken)
    {
        var today = Today;
        return db.Calls.AnyAsync(c => c.Id == callId && c.Status == CallForProjectsStatus.Open && (c.Deadline == null || c.Deadline >= today), cancellationToken);
    }

    public Task<List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem>> CallDomainsAsync(int callId, CancellationToken cancellationToken) =>
        db.Calls.AsNoTracking().Where(c => c.Id == callId).SelectMany(c => c.Domains).OrderBy(d => d.DisplayOrder)
            .Select(d => new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem(
                LocalizedName.In(PortalCultures.Current, d.NameFr, d.NameAr, d.NameEn), d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToListAsync(cancellationToken);

    /// <summary>The association's own application, or null (missing or another association's: the same answer).</summary>
    public async Task<(int CallId, ApplicationForm Form, ApplicationSheet Sheet, string? Number, ApplicationStatus Status, long? Granted, string? Reason, DateTime? SubmittedAtUtc, List<MessageView> Messages)?> OwnAsync(
        int associationId, int id, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking().Include(a => a.BudgetLines).Include(a => a.Domain)
            .SingleOrDefaultAsync(a => a.Id == id && a.AssociationId == associationId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var messages = await MessagesAsync(db, id, cancellationToken);
        var decided = application.Status is ApplicationStatus.Accepted or ApplicationStatus.Rejected or ApplicationStatus.WaitingList;
        var sheet = ApplicationSheet.Of(application) with { Attachments = await ApplicationAttachments.ListAsync(db, id, cancellationToken) };
        return (application.CallForProjectsId, ToForm(application), sheet, application.AcknowledgementNumber, application.Status,
            decided ? application.GrantedAmountCentimes : null, decided ? application.DecisionReason : null, application.SubmittedAtUtc, messages);
    }

    public static Task<List<MessageView>> MessagesAsync(PortalDbContext db, int applicationId, CancellationToken cancellationToken) =>
        db.ApplicationMessages.AsNoTracking().Where(m => m.ApplicationId == applicationId).OrderBy(m => m.AtUtc).ThenBy(m => m.Id)
            .Select(m => new MessageView(m.Kind, m.FromStaff, m.Text, m.AtUtc)).ToListAsync(cancellationToken);

    public Task<bool> BelongsToAnotherAssociationAsync(int associationId, int id, CancellationToken cancellationToken) =>
        db.Applications.AnyAsync(a => a.Id == id && a.AssociationId != associationId, cancellationToken);

    public static ApplicationForm ToForm(Application a) => new()
    {
        Version = a.Version, ProjectTitle = a.ProjectTitle, DomainId = a.DomainId, Region = a.Region, City = a.City,
        Summary = a.Summary, Objectives = a.Objectives, PlannedActivities = a.PlannedActivities, TargetGroup = a.TargetGroup,
        PlannedChildren = a.PlannedChildren, PlannedWomen = a.PlannedWomen, PlannedMen = a.PlannedMen,
        PlannedMigrants = a.PlannedMigrants, PlannedRefugees = a.PlannedRefugees, StartDate = a.StartDate, EndDate = a.EndDate,
        RequestedAmount = a.RequestedAmountCentimes == 0 ? null : AmountInput.ForInput(a.RequestedAmountCentimes),
        Lines = a.BudgetLines.OrderBy(b => b.DisplayOrder).ThenBy(b => b.Id).Select(b => new BudgetLineInput
        {
            Category = b.Category, Amount = AmountInput.ForInput(b.AmountCentimes), Funder = b.Funder, PartnerName = b.PartnerName,
        }).ToList(),
    };

    /// <summary>A new application to <paramref name="callId"/>: saved as a draft, or submitted at once.</summary>
    public async Task<ApplicationSaveResult> CreateAsync(int associationId, int callId, ApplicationForm form, bool submit, CancellationToken cancellationToken)
    {
        if (!await IsOpenAsync(callId, cancellationToken))
        {
            return new(SaveOutcome.Refused(await ClosedMessageAsync(callId, cancellationToken)));
        }

        var application = new Application { ProjectTitle = "", CallForProjectsId = callId, AssociationId = associationId };
        db.Applications.Add(application);
        return await ApplyAndSaveAsync(application, form, submit, cancellationToken);
    }

    public async Task<ApplicationSaveResult> UpdateAsync(int associationId, int id, ApplicationForm form, bool submit, CancellationToken cancellationToken)
    {
        var application = await db.Applications.Include(a => a.BudgetLines).Where(a => a.AssociationId == associationId)
            .ForUpdateAsync(db, id, form.Version, cancellationToken);
        if (application is null)
        {
            return new(SaveOutcome.Missing());
        }

        if (!Application.EditableStatuses.Contains(application.Status))
        {
            return new(SaveOutcome.Refused(l["Cette candidature a été déposée : elle ne peut plus être modifiée."]));
        }

        // A draft is bound by the deadline; an application the ministry found incomplete is completed after it.
        if (application.Status == ApplicationStatus.Draft && !await IsOpenAsync(application.CallForProjectsId, cancellationToken))
        {
            return new(SaveOutcome.Refused(await ClosedMessageAsync(application.CallForProjectsId, cancellationToken)));
        }

        return await ApplyAndSaveAsync(application, form, submit, cancellationToken);
    }

    private async Task<string> ClosedMessageAsync(int callId, CancellationToken cancellationToken)
    {
        var deadline = await db.Calls.Where(c => c.Id == callId).Select(c => c.Deadline).SingleOrDefaultAsync(cancellationToken);
        return deadline is { } date && date < Today
            ? l["La date limite de dépôt ({0}) est passée : rien n'a été enregistré.", PortalFormat.Date(date)]
            : l["Cet appel à projets n'est pas ouvert : rien n'a été enregistré."];
    }

    private async Task<ApplicationSaveResult> ApplyAndSaveAsync(Application application, ApplicationForm form, bool submit, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == application.CallForProjectsId)
            .Select(c => new { c.MaxPerProjectCentimes, DomainIds = c.Domains.Select(d => d.Id).ToList() })
            .SingleAsync(cancellationToken);
        if (form.DomainId is { } domainId && !call.DomainIds.Contains(domainId))
        {
            return new(SaveOutcome.Invalid(nameof(ApplicationForm.DomainId), l["Ce domaine n'est pas un domaine de l'appel à projets."]));
        }

        var lines = form.Lines.Where(x => !x.IsEmpty).ToList();
        for (var i = 0; i < form.Lines.Count; i++)
        {
            var line = form.Lines[i];
            if (line.IsEmpty)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(line.Category))
            {
                return new(SaveOutcome.Invalid($"Lines[{i}].Category", l["Chaque ligne du budget a une rubrique."]));
            }

            if (line.Funder == BudgetFunder.OtherPartner && string.IsNullOrWhiteSpace(line.PartnerName))
            {
                return new(SaveOutcome.Invalid($"Lines[{i}].PartnerName", l["Nommez le partenaire qui finance la ligne « {0} ».", line.Category.Trim()]));
            }
        }

        var requested = AmountInput.TryParseCentimes(form.RequestedAmount, out var amount) ? amount : 0L;
        if (call.MaxPerProjectCentimes is { } ceiling && requested > ceiling)
        {
            return new(SaveOutcome.Invalid(nameof(ApplicationForm.RequestedAmount),
                l["Le montant demandé ({0}) dépasse le plafond par projet de l'appel ({1}).", PortalFormat.Dirhams(requested), PortalFormat.Dirhams(ceiling)]));
        }

        if (submit && SubmissionProblem(form, lines, requested) is { } problem)
        {
            return new(SaveOutcome.Invalid(problem.Field, problem.Message));
        }

        application.ProjectTitle = form.ProjectTitle!.Trim();
        application.DomainId = form.DomainId;
        application.Region = form.Region;
        application.City = AssociationService.Clean(form.City);
        application.Summary = AssociationService.Clean(form.Summary);
        application.Objectives = AssociationService.Clean(form.Objectives);
        application.PlannedActivities = AssociationService.Clean(form.PlannedActivities);
        application.TargetGroup = AssociationService.Clean(form.TargetGroup);
        application.PlannedChildren = form.PlannedChildren;
        application.PlannedWomen = form.PlannedWomen;
        application.PlannedMen = form.PlannedMen;
        application.PlannedMigrants = form.PlannedMigrants;
        application.PlannedRefugees = form.PlannedRefugees;
        application.StartDate = form.StartDate;
        application.EndDate = form.EndDate;
        application.RequestedAmountCentimes = requested;
        // The lines are replaced: removed from their application, EF deletes them (a line cannot exist without it).
        application.BudgetLines.Clear();
        var order = 0;
        foreach (var line in lines)
        {
            application.BudgetLines.Add(new ApplicationBudgetLine
            {
                Category = line.Category!.Trim(),
                AmountCentimes = AmountInput.TryParseCentimes(line.Amount, out var c) ? c : 0,
                Funder = line.Funder,
                PartnerName = line.Funder == BudgetFunder.OtherPartner ? AssociationService.Clean(line.PartnerName) : null,
                DisplayOrder = order++,
            });
        }

        if (!submit)
        {
            var draft = await SaveAsync(application, form, cancellationToken);
            return new(draft);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (application.Status == ApplicationStatus.Incomplete)
        {
            application.Messages.Add(new ApplicationMessage
            {
                Kind = ApplicationMessageKind.Resubmission,
                FromStaff = false,
                Text = AssociationService.Clean(form.Reply) ?? l["Candidature complétée et déposée à nouveau."],
                AtUtc = now,
            });
        }

        application.Status = ApplicationStatus.Submitted;
        application.SubmittedAtUtc = now;
        var year = time.GetLocalNow().Year;
        for (var attempt = 1; ; attempt++)
        {
            if (attempt == 1)
            {
                // A resubmission keeps the number of the first submission.
                application.AcknowledgementNumber ??= await NextNumberAsync(year, cancellationToken);
                await mailer.QueueSubmittedAsync(application, cancellationToken);
            }

            try
            {
                var outcome = await SaveAsync(application, form, cancellationToken);
                return new(outcome, application.AcknowledgementNumber, outcome.Succeeded);
            }
            catch (DbUpdateException) when (attempt < NumberingAttempts)
            {
                var taken = application.AcknowledgementNumber!;
                if (!await db.Applications.AsNoTracking().AnyAsync(a => a.AcknowledgementNumber == taken && a.Id != application.Id, cancellationToken))
                {
                    throw;
                }

                // Taken by a submission at the same instant: the next number, and the same changes again.
                application.AcknowledgementNumber = await NextNumberAsync(year, cancellationToken);
                mailer.RenumberQueued(taken, application.AcknowledgementNumber);
            }
        }
    }

    private async Task<string> NextNumberAsync(int year, CancellationToken cancellationToken)
    {
        var prefix = Application.FormatNumber(year, 0)[..^4];
        var last = await db.Applications.AsNoTracking().Where(a => a.AcknowledgementNumber != null && a.AcknowledgementNumber.StartsWith(prefix))
            .MaxAsync(a => a.AcknowledgementNumber, cancellationToken);
        var sequence = last is null ? 0 : int.Parse(last[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
        return Application.FormatNumber(year, sequence + 1);
    }

    private (string Field, string Message)? SubmissionProblem(ApplicationForm form, List<BudgetLineInput> lines, long requested)
    {
        if (form.DomainId is null)
        {
            return (nameof(ApplicationForm.DomainId), l["Choisissez le domaine d'intervention."]);
        }

        if (form.Region is null)
        {
            return (nameof(ApplicationForm.Region), l["Choisissez la région du projet."]);
        }

        if (string.IsNullOrWhiteSpace(form.City))
        {
            return (nameof(ApplicationForm.City), l["La ville du projet est obligatoire pour déposer la candidature."]);
        }

        if (string.IsNullOrWhiteSpace(form.Summary) || string.IsNullOrWhiteSpace(form.Objectives) || string.IsNullOrWhiteSpace(form.PlannedActivities))
        {
            return (nameof(ApplicationForm.Summary), l["Le résumé, les objectifs et les activités prévues sont obligatoires pour déposer la candidature."]);
        }

        if (form.StartDate is null || form.EndDate is null)
        {
            return (nameof(ApplicationForm.StartDate), l["Les dates de début et de fin sont obligatoires pour déposer la candidature."]);
        }

        if (requested <= 0)
        {
            return (nameof(ApplicationForm.RequestedAmount), l["Le montant demandé est obligatoire pour déposer la candidature."]);
        }

        var budget = BudgetSummary.Of(lines);
        if (budget.TotalCentimes == 0)
        {
            return ("", l["Le budget du projet compte au moins une ligne."]);
        }

        if (budget.MinistryCentimes != requested)
        {
            return (nameof(ApplicationForm.RequestedAmount), l["Les lignes financées par le ministère totalisent {0} : le montant demandé doit être le même ({1}).",
                PortalFormat.Dirhams(budget.MinistryCentimes), PortalFormat.Dirhams(requested)]);
        }

        return null;
    }

    private Task<SaveOutcome> SaveAsync(Application application, ApplicationForm form, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync(application, stored => new ConcurrencyConflict(
            l["Cette candidature a été enregistrée le {0}, après que vous l'avez ouverte.", PortalFormat.Date(stored.UpdatedAtUtc)],
            stored.Version,
            [
                new(l["Intitulé du projet"], stored.ProjectTitle, form.ProjectTitle ?? ""),
                new(l["Montant demandé"], PortalFormat.Dirhams(stored.RequestedAmountCentimes), form.RequestedAmount ?? ""),
                new(l["Statut"], l[RecordText.Of(stored.Status)], l[RecordText.Of(ApplicationStatus.Draft)]),
            ]), cancellationToken);
}
