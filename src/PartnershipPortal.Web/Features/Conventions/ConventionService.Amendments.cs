using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Associations;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Web.Features.Conventions;

public sealed partial class ConventionService
{
    /// <summary>The reference the next amendment of the convention will take (CONV-2018-020/AV2).</summary>
    public async Task<string?> NextAmendmentReferenceAsync(int id, CancellationToken cancellationToken)
    {
        var facts = await db.Conventions.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Reference, Last = c.Amendments.Max(a => (int?)a.Number) })
            .SingleOrDefaultAsync(cancellationToken);
        return facts is null ? null : ConventionAmendment.FormatReference(facts.Reference, (facts.Last ?? 0) + 1);
    }

    /// <summary>
    /// Records an amendment: compares the posted lines with the convention's projects, applies the differences
    /// (project added, removed, amount, dates or details changed), and keeps the totals before and after.
    /// The bilan reads the projects, so it counts the amended amounts from then on.
    /// </summary>
    public async Task<LifecycleOutcome> AmendAsync(int id, ConventionForm form, AmendmentFields fields, CancellationToken cancellationToken)
    {
        var convention = await db.Conventions.Include(c => c.Projects).Include(c => c.Amendments)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (convention is null)
        {
            return LifecycleOutcome.Missing();
        }

        if (!ConventionLifecycle.CanAmend(convention.Status))
        {
            return LifecycleOutcome.Refused(AmendRefusal(convention.Status));
        }

        if (form.Version != convention.Version)
        {
            return LifecycleOutcome.Of(await ConflictAsync(id, form, cancellationToken));
        }

        form.AssociationId = convention.AssociationId;
        if (await CheckReferencesAsync(form, convention, cancellationToken) is { } invalid)
        {
            return LifecycleOutcome.Of(invalid);
        }

        if (convention.SigningDate is { } signed && fields.Date < signed)
        {
            return LifecycleOutcome.Of(SaveOutcome.Invalid("Amendment.Date",
                l["Un avenant ne peut pas précéder la signature de la convention ({0}).", PortalFormat.Date(signed)]));
        }

        var number = convention.Amendments.Select(a => a.Number).DefaultIfEmpty(0).Max() + 1;
        var amendment = new ConventionAmendment
        {
            Reference = ConventionAmendment.FormatReference(convention.Reference, number),
            Number = number,
            Date = fields.Date!.Value,
            Reason = AssociationService.Clean(fields.Reason)!,
            TotalBeforeCentimes = convention.TotalCentimes,
        };
        db.Entry(convention).Property(c => c.Version).OriginalValue = form.Version;
        var added = new List<(ConventionAmendmentChange Change, Project Project)>();
        foreach (var line in form.Lines)
        {
            var existing = line.Id is { } projectId ? convention.Projects.Single(p => p.Id == projectId) : null;
            if (line.Remove)
            {
                if (existing is not null)
                {
                    amendment.Changes.Add(Change(AmendmentChangeKind.ProjectRemoved, existing, null));
                    // Out of the total, and deleted: a project cannot live without its convention (required key).
                    convention.Projects.Remove(existing);
                }

                continue;
            }

            if (existing is null)
            {
                var project = new Project { Title = "", City = "" };
                ApplyLine(line, project, convention.BudgetYear);
                convention.Projects.Add(project);
                var change = Change(AmendmentChangeKind.ProjectAdded, null, project);
                amendment.Changes.Add(change);
                added.Add((change, project));
                continue;
            }

            var before = new Project
            {
                Title = existing.Title, City = existing.City, DomainId = existing.DomainId, AmountCentimes = existing.AmountCentimes,
                StartDate = existing.StartDate, EndDate = existing.EndDate, Status = existing.Status,
                BeneficiariesCount = existing.BeneficiariesCount, BeneficiariesDescription = existing.BeneficiariesDescription,
            };
            ApplyLine(line, existing, convention.BudgetYear);
            if (before.AmountCentimes != existing.AmountCentimes)
            {
                amendment.Changes.Add(Change(AmendmentChangeKind.AmountChanged, before, existing));
            }

            if (before.StartDate != existing.StartDate || before.EndDate != existing.EndDate)
            {
                amendment.Changes.Add(Change(AmendmentChangeKind.DatesChanged, before, existing));
            }

            if (before.Title != existing.Title || before.City != existing.City || before.DomainId != existing.DomainId
                || before.Status != existing.Status || before.BeneficiariesCount != existing.BeneficiariesCount
                || before.BeneficiariesDescription != existing.BeneficiariesDescription)
            {
                amendment.Changes.Add(Change(AmendmentChangeKind.DetailsChanged, before, existing));
            }
        }

        if (amendment.Changes.Count == 0)
        {
            db.ChangeTracker.Clear();
            return LifecycleOutcome.Of(SaveOutcome.Refused(l["Cet avenant ne change rien aux projets de la convention : modifiez, ajoutez ou retirez au moins un projet."]));
        }

        convention.RecomputeTotal();
        amendment.TotalAfterCentimes = convention.TotalCentimes;
        convention.Amendments.Add(amendment);
        db.Entry(convention).Property(c => c.UpdatedAtUtc).IsModified = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another amendment or edit was saved first (version token, or the unique number per convention).
            db.ChangeTracker.Clear();
            return LifecycleOutcome.Of(await ConflictAsync(id, form, cancellationToken));
        }

        if (added.Count > 0)
        {
            // A project added by the amendment has its id only once saved.
            foreach (var (change, project) in added)
            {
                change.ProjectId = project.Id;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return LifecycleOutcome.Of(SaveOutcome.Saved(convention.Id));
    }

    public string AmendRefusal(ConventionStatus status) => status == ConventionStatus.Draft
        ? l["Cette convention n'est pas encore signée : modifiez-la directement, sans avenant."]
        : l["Une convention au statut « {0} » ne reçoit plus d'avenant. Rien n'a été changé.", l[RecordText.Of(status)]];

    private static ConventionAmendmentChange Change(AmendmentChangeKind kind, Project? before, Project? after) => new()
    {
        Kind = kind,
        ProjectId = (after ?? before)!.Id == 0 ? null : (after ?? before)!.Id,
        ProjectTitle = (after ?? before)!.Title,
        AmountBeforeCentimes = before?.AmountCentimes,
        AmountAfterCentimes = after?.AmountCentimes,
        StartBefore = before?.StartDate,
        EndBefore = before?.EndDate,
        StartAfter = after?.StartDate,
        EndAfter = after?.EndDate,
    };
}
