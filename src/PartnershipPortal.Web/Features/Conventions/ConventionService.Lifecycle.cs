using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Associations;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Web.Features.Conventions;

/// <summary>What a status change or an amendment answered: done, missing, refused as a whole, or a field to correct.</summary>
public sealed record LifecycleOutcome(bool NotFound, IReadOnlyList<string> Refusals, SaveOutcome? Save)
{
    public static LifecycleOutcome Missing() => new(true, [], null);

    public static LifecycleOutcome Refused(params string[] reasons) => new(false, reasons, null);

    public static LifecycleOutcome Of(SaveOutcome save) => new(save.NotFound, [], save);

    public bool Succeeded => !NotFound && Refusals.Count == 0 && Save is { Succeeded: true };
}

public sealed partial class ConventionService
{
    /// <summary>The confirmation page of a status change, with what prevents it now (the page then offers no button).</summary>
    public async Task<TransitionPage?> TransitionPageAsync(int id, ConventionTransition transition, bool isAdministrator,
        TransitionForm? form, CancellationToken cancellationToken)
    {
        var convention = await db.Conventions.AsNoTracking().Include(c => c.Association).Include(c => c.Projects)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (convention is null)
        {
            return null;
        }

        var to = ConventionLifecycle.Target(convention.Status, transition, isAdministrator);
        List<string> blockers = to is null ? [NotAllowedMessage(convention.Status, transition, isAdministrator)] : [];
        List<string> warnings = [];
        if (to is not null && transition == ConventionTransition.Sign)
        {
            blockers.AddRange(await CheckBeforeSigningAsync(convention, cancellationToken));
            if (await DossierWarningAsync(convention.AssociationId, cancellationToken) is { } warning && !RequireCompleteDossier)
            {
                warnings.Add(warning);
            }
        }

        return new TransitionPage
        {
            Id = convention.Id,
            Reference = convention.Reference,
            Association = convention.Association!.Name,
            From = convention.Status,
            Transition = transition,
            To = to,
            TotalCentimes = convention.TotalCentimes,
            Projects = convention.Projects.Count,
            Form = form ?? new TransitionForm { Version = convention.Version },
            Blockers = blockers,
            Warnings = warnings,
        };
    }

    /// <summary>
    /// Changes the convention's status when <see cref="ConventionLifecycle"/> allows it and what the step needs is there;
    /// otherwise changes nothing. Each change goes to the audit log with who, when and the reason.
    /// </summary>
    public async Task<LifecycleOutcome> TransitionAsync(int id, ConventionTransition transition, TransitionForm form, bool isAdministrator,
        CancellationToken cancellationToken)
    {
        var convention = await db.Conventions.Include(c => c.Projects).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (convention is null)
        {
            return LifecycleOutcome.Missing();
        }

        var from = convention.Status;
        if (ConventionLifecycle.Target(from, transition, isAdministrator) is not { } to)
        {
            return LifecycleOutcome.Refused(NotAllowedMessage(from, transition, isAdministrator));
        }

        var reason = AssociationService.Clean(form.Reason);
        if (transition == ConventionTransition.Sign && await CheckBeforeSigningAsync(convention, cancellationToken) is { Count: > 0 } blockers)
        {
            return LifecycleOutcome.Refused([.. blockers]);
        }

        if (CheckTransitionFields(convention, transition, form.Date, reason) is { } invalid)
        {
            return LifecycleOutcome.Of(invalid);
        }

        if (form.Version != convention.Version)
        {
            return LifecycleOutcome.Refused(l["La convention a été modifiée par quelqu'un d'autre depuis que vous avez ouvert cette page. Rien n'a été changé : revenez à la convention et recommencez."]);
        }

        db.Entry(convention).Property(c => c.Version).OriginalValue = form.Version;
        switch (transition)
        {
            case ConventionTransition.Sign:
                convention.SigningDate = form.Date;
                // The proposed schedule and the reports owed are saved with the signature, or not at all.
                await payments.StageProposalAsync(convention, form.Date!.Value, cancellationToken);
                break;
            case ConventionTransition.Terminate:
                convention.TerminationDate = form.Date;
                convention.TerminationReason = reason;
                break;
            case ConventionTransition.Reopen when from == ConventionStatus.Terminated:
                // The termination's date and reason stay in the audit log.
                convention.TerminationDate = null;
                convention.TerminationReason = null;
                break;
        }

        convention.Status = to;
        audit.Stage(AuditActions.Transition, nameof(Convention), convention.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: $"{transition}: {from} → {to}"
                + (form.Date is { } date && ConventionLifecycle.NeedsDate(transition) ? " · " + PortalFormat.Date(date) : "")
                + (reason is null ? "" : " · " + reason));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return LifecycleOutcome.Of(SaveOutcome.Saved(convention.Id));
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return LifecycleOutcome.Refused(l["La convention a été modifiée par quelqu'un d'autre depuis que vous avez ouvert cette page. Rien n'a été changé : revenez à la convention et recommencez."]);
        }
    }

    /// <summary>
    /// What must be true of a draft before it is signed: the one place for a pre-signature check
    /// (the association's legal dossier will be checked here too).
    /// </summary>
    public async Task<List<string>> CheckBeforeSigningAsync(Convention convention, CancellationToken cancellationToken)
    {
        var blockers = new List<string>();
        if (!await db.Projects.AnyAsync(p => p.ConventionId == convention.Id && p.Status != ProjectStatus.Cancelled, cancellationToken))
        {
            blockers.Add(l["Une convention se signe avec au moins un projet qui n'est pas annulé."]);
        }

        var association = await db.Associations.AsNoTracking().Where(a => a.Id == convention.AssociationId)
            .Select(a => new { a.Name, a.Status }).SingleAsync(cancellationToken);
        if (association.Status != AssociationStatus.Active)
        {
            blockers.Add(l["L'association {0} n'est pas active ({1}) : une convention ne se signe qu'avec une association active.",
                association.Name, l[RecordText.Of(association.Status)].Value.ToLowerInvariant()]);
        }

        // The legal dossier (issue 16): with Rules:RequireCompleteDossier a missing or expired piece prevents the
        // signature; without it the signing page warns (TransitionPageAsync) and the signature goes through.
        if (RequireCompleteDossier && await DossierWarningAsync(convention.AssociationId, cancellationToken) is { } dossierProblem)
        {
            blockers.Add(dossierProblem);
        }

        return blockers;
    }

    private bool RequireCompleteDossier => configuration.GetValue<bool>("Rules:RequireCompleteDossier");

    /// <summary>The sentence about the association's dossier when it is incomplete or has an expired piece, else null.</summary>
    private async Task<string?> DossierWarningAsync(int associationId, CancellationToken cancellationToken)
    {
        var status = await dossier.StateAsync(associationId, cancellationToken);
        return status.AllowsSigning ? null : status.State == Dossier.DossierState.Missing
            ? l["Le dossier juridique de l'association est incomplet : une ou plusieurs pièces manquent."].Value
            : l["Le dossier juridique de l'association contient une pièce expirée."].Value;
    }

    private SaveOutcome? CheckTransitionFields(Convention convention, ConventionTransition transition, DateOnly? date, string? reason)
    {
        if (ConventionLifecycle.NeedsDate(transition) && date is null)
        {
            return SaveOutcome.Invalid(nameof(TransitionForm.Date), transition == ConventionTransition.Sign
                ? l["La date de signature est obligatoire."]
                : l["La date de résiliation est obligatoire."]);
        }

        if (ConventionLifecycle.NeedsReason(transition) && reason is null)
        {
            return SaveOutcome.Invalid(nameof(TransitionForm.Reason), transition == ConventionTransition.Terminate
                ? l["Le motif de la résiliation est obligatoire."]
                : l["Le motif de la réouverture est obligatoire."]);
        }

        if (transition == ConventionTransition.Sign && date!.Value.Year != convention.BudgetYear && reason is null)
        {
            return SaveOutcome.Invalid(nameof(TransitionForm.Date),
                l["La date de signature ({0}) n'est pas dans l'année budgétaire {1} : corrigez-la ou expliquez pourquoi dans le motif.",
                    PortalFormat.Date(date), convention.BudgetYear]);
        }

        if (transition == ConventionTransition.Terminate && convention.SigningDate is { } signed && date < signed)
        {
            return SaveOutcome.Invalid(nameof(TransitionForm.Date),
                l["La date de résiliation ne peut pas précéder la date de signature ({0}).", PortalFormat.Date(signed)]);
        }

        return null;
    }

    private string NotAllowedMessage(ConventionStatus from, ConventionTransition transition, bool isAdministrator) =>
        transition == ConventionTransition.Reopen && !isAdministrator && ConventionLifecycle.Target(from, transition, true) is not null
            ? l["Seul un administrateur peut rouvrir une convention. Rien n'a été changé."]
            : l["L'action « {0} » n'est pas possible sur une convention au statut « {1} ». Rien n'a été changé.",
                l[TransitionText.Of(transition)], l[RecordText.Of(from)]];

    private string SignedTermsMessage(ConventionStatus status) =>
        ConventionLifecycle.CanAmend(status)
            ? l["Cette convention est signée : ses projets et ses montants ne changent plus que par un avenant. Rien n'a été enregistré."]
            : l["Cette convention est {0} : ses projets et ses montants ne changent plus. Rien n'a été enregistré.", l[RecordText.Of(status)].Value.ToLowerInvariant()];

    public string RefusalOfTerms(ConventionStatus status) => SignedTermsMessage(status);

    public async Task<NotesPage?> NotesPageAsync(int id, CancellationToken cancellationToken) =>
        await db.Conventions.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new NotesPage(c.Id, c.Reference, new NotesForm { Version = c.Version, InternalNotes = c.InternalNotes, MessageToAssociation = c.MessageToAssociation }))
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<SaveOutcome> UpdateNotesAsync(int id, NotesForm form, CancellationToken cancellationToken)
    {
        var convention = await db.Conventions.ForUpdateAsync(db, id, form.Version, cancellationToken);
        if (convention is null)
        {
            return SaveOutcome.Missing();
        }

        convention.InternalNotes = AssociationService.Clean(form.InternalNotes);
        convention.MessageToAssociation = AssociationService.Clean(form.MessageToAssociation);
        return await db.SaveOrConflictAsync(convention, stored => new ConcurrencyConflict(
            l["{0} a enregistré la convention {1} le {2} à {3} UTC, après que vous l'avez ouverte. Rien n'a été enregistré de votre saisie.",
                stored.UpdatedBy ?? "?", stored.Reference, PortalFormat.Date(stored.UpdatedAtUtc),
                stored.UpdatedAtUtc.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)],
            stored.Version,
            [
                new(l["Notes internes"], stored.InternalNotes ?? "", form.InternalNotes ?? ""),
                new(l["Message à l'association"], stored.MessageToAssociation ?? "", form.MessageToAssociation ?? ""),
            ]), cancellationToken);
    }
}
