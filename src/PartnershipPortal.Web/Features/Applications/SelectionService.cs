using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Associations;
using PartnershipPortal.Web.Features.Conventions;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Web.Features.Applications;

/// <summary>Staff's side of the selection: completeness, the call's grid and reviewers, the ranking and the decisions.</summary>
public sealed class SelectionService(
    PortalDbContext db, ApplicationMailer mailer, ConventionNumbering numbering, TimeProvider time, IStringLocalizer<SharedResource> l)
{
    /// <summary>Statuses shown in the ranking: every application found admissible, decided or not.</summary>
    public static readonly IReadOnlyList<ApplicationStatus> RankedStatuses =
        [ApplicationStatus.Admissible, ApplicationStatus.WaitingList, ApplicationStatus.Accepted, ApplicationStatus.Rejected];

    private static readonly SortMap<Application> Sorts = new SortMap<Application>("submitted", true, a => a.Id)
        .Add<DateTime?>("submitted", a => a.SubmittedAtUtc)
        .Add<string?>("number", a => a.AcknowledgementNumber)
        .Add<string>("association", a => a.Association!.Name)
        .Add<string>("call", a => a.CallForProjects!.Reference)
        .Add<string>("project", a => a.ProjectTitle)
        .Add<ApplicationStatus>("status", a => a.Status)
        .Add<long>("amount", a => a.RequestedAmountCentimes);

    public async Task<StaffApplicationList> ListAsync(ApplicationListQuery query, CancellationToken cancellationToken)
    {
        // A draft is the association's work in progress: staff see applications from their submission on.
        var applications = db.Applications.AsNoTracking().Where(a => a.Status != ApplicationStatus.Draft);
        if (query.SearchPattern() is { } pattern)
        {
            applications = applications.Where(a => EF.Functions.Like(a.AcknowledgementNumber!, pattern, "\\")
                || EF.Functions.Like(a.ProjectTitle, pattern, "\\") || EF.Functions.Like(a.Association!.Name, pattern, "\\"));
        }

        if (query.Call is { } call)
        {
            applications = applications.Where(a => a.CallForProjectsId == call);
        }

        if (query.Status is { } status)
        {
            applications = applications.Where(a => a.Status == status);
        }

        var results = await applications.ToListPageAsync(query, Sorts, a => new StaffApplicationRow(a.Id, a.AcknowledgementNumber, a.Association!.Name,
            a.CallForProjects!.Reference, a.ProjectTitle, a.Status, a.RequestedAmountCentimes, a.SubmittedAtUtc), cancellationToken);
        var calls = await db.Calls.AsNoTracking().Where(c => c.Applications.Any()).OrderByDescending(c => c.Year).ThenBy(c => c.Reference)
            .Select(c => new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem(c.Reference + " · " + c.Title, c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToListAsync(cancellationToken);
        return new StaffApplicationList { Query = query, Results = results, Calls = calls };
    }

    public async Task<StaffApplicationPage?> PageAsync(int id, CancellationToken cancellationToken)
    {
        var a = await db.Applications.AsNoTracking().Include(x => x.BudgetLines).Include(x => x.Domain)
            .Include(x => x.Association).Include(x => x.CallForProjects)
            .SingleOrDefaultAsync(x => x.Id == id && x.Status != ApplicationStatus.Draft, cancellationToken);
        if (a is null)
        {
            return null;
        }

        var criteria = await ApplicationService.CriteriaAsync(db, a.CallForProjectsId, cancellationToken);
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.ApplicationId == id).OrderBy(r => r.Id)
            .Select(r => new
            {
                Name = r.Reviewer!.FullName ?? r.Reviewer.Email!,
                r.Conflict,
                r.CompletedAtUtc,
                Scores = r.Scores.Select(s => new { s.ScoringCriterionId, s.Score, s.Comment }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var views = reviews.Select(r => new ReviewView(r.Name, r.Conflict,
            r.Conflict == ReviewConflict.NoConflict && r.CompletedAtUtc is not null ? WeightedTotal(criteria, r.Scores.Select(s => (s.ScoringCriterionId, s.Score))) : null,
            criteria.Select(c => r.Scores.FirstOrDefault(s => s.ScoringCriterionId == c.Id) is { } s ? (c.Label, s.Score, c.Maximum, s.Comment) : (c.Label, -1, c.Maximum, (string?)null))
                .Where(x => x.Item2 >= 0).ToList())).ToList();
        return new StaffApplicationPage
        {
            Id = a.Id, Version = a.Version, Number = a.AcknowledgementNumber, Association = a.Association!.Name, AssociationId = a.AssociationId,
            CallId = a.CallForProjectsId, CallReference = a.CallForProjects!.Reference, CallTitle = a.CallForProjects.Title,
            Status = a.Status, SubmittedAtUtc = a.SubmittedAtUtc, GrantedAmountCentimes = a.GrantedAmountCentimes, DecisionReason = a.DecisionReason,
            ConventionId = a.ConventionId,
            Sheet = ApplicationSheet.Of(a) with { Attachments = await ApplicationAttachments.ListAsync(db, id, cancellationToken) }, Messages = await ApplicationService.MessagesAsync(db, id, cancellationToken),
            Reviews = views,
            Completeness = new CompletenessForm { Version = a.Version },
            Decision = new DecisionForm { Version = a.Version, GrantedAmount = AmountInput.ForInput(a.RequestedAmountCentimes) },
        };
    }

    /// <summary>A review's weighted total: the sum over the grid of weight × score.</summary>
    public static decimal WeightedTotal(IReadOnlyList<CriterionView> criteria, IEnumerable<(int CriterionId, int Score)> scores)
    {
        var weights = criteria.ToDictionary(c => c.Id, c => c.Weight);
        return scores.Sum(s => weights.TryGetValue(s.CriterionId, out var w) ? (decimal)w * s.Score : 0m);
    }

    public async Task<SaveOutcome> CompletenessAsync(int id, CompletenessForm form, CancellationToken cancellationToken)
    {
        var application = await db.Applications.ForUpdateAsync(db, id, form.Version, cancellationToken);
        if (application is null || application.Status == ApplicationStatus.Draft)
        {
            return SaveOutcome.Missing();
        }

        if (application.Status != ApplicationStatus.Submitted)
        {
            return SaveOutcome.Refused(l["La complétude se vérifie sur une candidature déposée ; celle-ci est « {0} ».", l[RecordText.Of(application.Status)]]);
        }

        if (form.Verdict == CompletenessVerdict.Incomplete)
        {
            var message = AssociationService.Clean(form.Message);
            if (message is null)
            {
                return SaveOutcome.Invalid(nameof(CompletenessForm.Message), l["Dites à l'association ce qui manque à sa candidature."]);
            }

            application.Status = ApplicationStatus.Incomplete;
            application.Messages.Add(new ApplicationMessage
            {
                Kind = ApplicationMessageKind.IncompleteNotice, FromStaff = true, Text = message, AtUtc = time.GetUtcNow().UtcDateTime,
            });
            await mailer.QueueIncompleteAsync(application, message, cancellationToken);
        }
        else
        {
            application.Status = ApplicationStatus.Admissible;
        }

        return await SaveAsync(application, cancellationToken);
    }

    public async Task<SaveOutcome> DecideAsync(int id, DecisionForm form, CancellationToken cancellationToken)
    {
        var application = await db.Applications.Include(a => a.CallForProjects).ForUpdateAsync(db, id, form.Version, cancellationToken);
        if (application is null || application.Status == ApplicationStatus.Draft)
        {
            return SaveOutcome.Missing();
        }

        if (!Application.DecidableStatuses.Contains(application.Status))
        {
            return SaveOutcome.Refused(l["Une décision se prend sur une candidature recevable ou en liste d'attente ; celle-ci est « {0} ».", l[RecordText.Of(application.Status)]]);
        }

        var reason = AssociationService.Clean(form.Reason);
        Convention? convention = null;
        switch (form.Kind)
        {
            case DecisionKind.Accepted:
                if (!AmountInput.TryParseCentimes(form.GrantedAmount, out var granted) || granted <= 0)
                {
                    return SaveOutcome.Invalid(nameof(DecisionForm.GrantedAmount), l["Indiquez le montant accordé, supérieur à zéro."]);
                }

                if (granted > application.RequestedAmountCentimes)
                {
                    return SaveOutcome.Invalid(nameof(DecisionForm.GrantedAmount),
                        l["Le montant accordé ({0}) dépasse le montant demandé ({1}).", PortalFormat.Dirhams(granted), PortalFormat.Dirhams(application.RequestedAmountCentimes)]);
                }

                if (application.DomainId is null)
                {
                    return SaveOutcome.Refused(l["La candidature n'a pas de domaine d'intervention : le projet de convention ne peut pas être préparé."]);
                }

                application.Status = ApplicationStatus.Accepted;
                application.GrantedAmountCentimes = granted;
                convention = DraftConvention(application, granted);
                db.Conventions.Add(convention);
                application.Convention = convention;
                break;
            case DecisionKind.Rejected:
                if (reason is null)
                {
                    return SaveOutcome.Invalid(nameof(DecisionForm.Reason), l["Donnez le motif du refus : il est envoyé à l'association."]);
                }

                application.Status = ApplicationStatus.Rejected;
                application.GrantedAmountCentimes = null;
                break;
            default:
                application.Status = ApplicationStatus.WaitingList;
                application.GrantedAmountCentimes = null;
                break;
        }

        application.DecisionReason = reason;
        application.DecidedAtUtc = time.GetUtcNow().UtcDateTime;
        await mailer.QueueDecisionAsync(application, cancellationToken);
        if (convention is null)
        {
            return await SaveAsync(application, cancellationToken);
        }

        try
        {
            // The convention takes its number and is saved with the decision and its mail, in one transaction.
            await numbering.SaveNewAsync(convention, cancellationToken);
            return SaveOutcome.Saved(application.Id);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await OvertakenAsync(id, cancellationToken);
        }
    }

    /// <summary>The draft convention an acceptance prepares: the association, the call, its year, one project at the amount granted.</summary>
    private static Convention DraftConvention(Application application, long granted)
    {
        var year = application.CallForProjects!.Year;
        var children = application.PlannedChildren ?? 0;
        var women = application.PlannedWomen ?? 0;
        var men = application.PlannedMen ?? 0;
        var convention = new Convention
        {
            Reference = "",
            BudgetYear = year,
            AssociationId = application.AssociationId,
            CallForProjectsId = application.CallForProjectsId,
            Status = ConventionStatus.Draft,
            InternalNotes = $"Préparée à partir de la candidature {application.AcknowledgementNumber}.",
            Projects =
            [
                new Project
                {
                    Title = application.ProjectTitle,
                    BudgetYear = year,
                    DomainId = application.DomainId!.Value,
                    City = application.City ?? "",
                    BeneficiariesCount = children + women + men == 0 ? null : children + women + men,
                    BeneficiariesDescription = application.TargetGroup is { Length: > 500 } t ? t[..500] : application.TargetGroup,
                    AmountCentimes = granted,
                    StartDate = application.StartDate,
                    EndDate = application.EndDate,
                },
            ],
        };
        convention.RecomputeTotal();
        return convention;
    }

    public async Task<RankingPage?> RankingAsync(int callId, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == callId)
            .Select(c => new { c.Id, c.Reference, c.Title, c.BudgetEnvelopeCentimes }).SingleOrDefaultAsync(cancellationToken);
        if (call is null)
        {
            return null;
        }

        var criteria = await ApplicationService.CriteriaAsync(db, callId, cancellationToken);
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.CallForProjectsId == callId && RankedStatuses.Contains(a.Status))
            .Select(a => new { a.Id, a.AcknowledgementNumber, Association = a.Association!.Name, a.ProjectTitle, a.Status, a.RequestedAmountCentimes })
            .ToListAsync(cancellationToken);
        var totals = (await ReviewTotalsAsync(db, callId, cancellationToken)).ToDictionary(t => t.ApplicationId);

        var ranked = applications
            .Select(a => (Application: a, Totals: totals.GetValueOrDefault(a.Id)))
            .Select(x => (x.Application, x.Totals, Average: x.Totals is { Reviews: > 0 } t ? Math.Round((decimal)t.Sum / t.Reviews, 2) : (decimal?)null))
            .OrderByDescending(x => x.Average.HasValue).ThenByDescending(x => x.Average).ThenBy(x => x.Application.AcknowledgementNumber, StringComparer.Ordinal)
            .ToList();
        var rows = new List<RankingRow>(ranked.Count);
        long running = 0;
        foreach (var (a, reviewTotals, average) in ranked)
        {
            running += a.RequestedAmountCentimes;
            rows.Add(new RankingRow(rows.Count + 1, a.Id, a.AcknowledgementNumber, a.Association, a.ProjectTitle, a.Status, a.RequestedAmountCentimes,
                average, reviewTotals?.Reviews ?? 0, reviewTotals is null ? null : reviewTotals.Max - reviewTotals.Min,
                running, call.BudgetEnvelopeCentimes is { } envelope && running > envelope));
        }

        return new RankingPage(call.Id, call.Reference, call.Title, call.BudgetEnvelopeCentimes, criteria.Sum(c => c.Weight * c.Maximum), criteria, rows);
    }

    /// <summary>
    /// Per application of the call, the weighted totals of its counted reviews (completed, by reviewers without a
    /// conflict): how many, their sum, the lowest and the highest. Both levels are aggregated by the database, so that
    /// a call of 2,000 applications with 5 reviews each sends back 2,000 rows, not every score.
    /// </summary>
    public static Task<List<ReviewTotals>> ReviewTotalsAsync(PortalDbContext db, int callId, CancellationToken cancellationToken)
    {
        // Explicit joins: through navigations, EF computes each review's sum in a correlated subquery instead.
        var reviewTotals =
            from score in db.ScoringCriteria.AsNoTracking().Where(c => c.CallForProjectsId == callId)
                .Join(db.ReviewScores, c => c.Id, s => s.ScoringCriterionId, (c, s) => new { s.ReviewId, Points = (long)s.Score * c.Weight })
            join review in db.Reviews on score.ReviewId equals review.Id
            join application in db.Applications on review.ApplicationId equals application.Id
            where application.CallForProjectsId == callId && RankedStatuses.Contains(application.Status)
                && review.Conflict == ReviewConflict.NoConflict && review.CompletedAtUtc != null
            group score.Points by new { review.ApplicationId, score.ReviewId } into g
            select new { g.Key.ApplicationId, Total = g.Sum() };
        return reviewTotals
            .GroupBy(r => r.ApplicationId)
            .Select(g => new ReviewTotals(g.Key, g.Count(), g.Sum(r => r.Total), g.Min(r => r.Total), g.Max(r => r.Total)))
            .ToListAsync(cancellationToken);
    }

    public async Task<SetupPage?> SetupAsync(int callId, GridForm? grid, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == callId).Select(c => new { c.Id, c.Reference, c.Title }).SingleOrDefaultAsync(cancellationToken);
        if (call is null)
        {
            return null;
        }

        var form = grid ?? new GridForm
        {
            Rows = (await ApplicationService.CriteriaAsync(db, callId, cancellationToken)).Select(c => new GridRow { Label = c.Label, Weight = c.Weight, Maximum = c.Maximum }).ToList(),
        };
        form.Rows.RemoveAll(r => r.IsEmpty);
        for (var i = 0; i < GridForm.BlankRows; i++)
        {
            form.Rows.Add(new GridRow());
        }

        var assigned = await db.ReviewerAssignments.AsNoTracking().Where(r => r.CallForProjectsId == callId).Select(r => r.UserId).ToListAsync(cancellationToken);
        var reviewerRoleId = await db.Roles.Where(r => r.Name == Roles.Reviewer).Select(r => r.Id).SingleAsync(cancellationToken);
        var reviewers = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == reviewerRoleId))
            .OrderBy(u => u.FullName).ThenBy(u => u.Email)
            .Select(u => new { u.Id, u.FullName, u.Email }).ToListAsync(cancellationToken);
        return new SetupPage
        {
            CallId = call.Id, Reference = call.Reference, Title = call.Title, Grid = form,
            GridLocked = await GridLockedAsync(callId, cancellationToken),
            Reviewers = reviewers.Select(r => new ReviewerOption(r.Id, r.FullName ?? r.Email!, r.Email!, assigned.Contains(r.Id))).ToList(),
        };
    }

    /// <summary>Once a reviewer has scored, the grid stays: changing it would change the meaning of the scores given.</summary>
    private Task<bool> GridLockedAsync(int callId, CancellationToken cancellationToken) =>
        db.ReviewScores.AnyAsync(s => s.Criterion!.CallForProjectsId == callId, cancellationToken);

    public async Task<SaveOutcome> SaveGridAsync(int callId, GridForm form, CancellationToken cancellationToken)
    {
        if (!await db.Calls.AnyAsync(c => c.Id == callId, cancellationToken))
        {
            return SaveOutcome.Missing();
        }

        if (await GridLockedAsync(callId, cancellationToken))
        {
            return SaveOutcome.Refused(l["Des évaluateurs ont déjà noté des candidatures de cet appel : la grille ne peut plus changer."]);
        }

        var rows = form.Rows.Where(r => !r.IsEmpty).ToList();
        if (rows.Any(r => string.IsNullOrWhiteSpace(r.Label) || r.Weight is null || r.Maximum is null))
        {
            return SaveOutcome.Refused(l["Chaque critère a un intitulé, un coefficient et une note maximale."]);
        }

        db.ScoringCriteria.RemoveRange(await db.ScoringCriteria.Where(c => c.CallForProjectsId == callId).ToListAsync(cancellationToken));
        var order = 0;
        foreach (var row in rows)
        {
            db.ScoringCriteria.Add(new ScoringCriterion
            {
                CallForProjectsId = callId, Label = row.Label!.Trim(), Weight = row.Weight!.Value, Maximum = row.Maximum!.Value, DisplayOrder = order++,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return SaveOutcome.Saved(callId);
    }

    public async Task<SaveOutcome> SaveReviewersAsync(int callId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        if (!await db.Calls.AnyAsync(c => c.Id == callId, cancellationToken))
        {
            return SaveOutcome.Missing();
        }

        var reviewerRoleId = await db.Roles.Where(r => r.Name == Roles.Reviewer).Select(r => r.Id).SingleAsync(cancellationToken);
        var valid = await db.UserRoles.Where(ur => ur.RoleId == reviewerRoleId && userIds.Contains(ur.UserId)).Select(ur => ur.UserId).ToListAsync(cancellationToken);
        if (valid.Count != userIds.Distinct().Count())
        {
            return SaveOutcome.Refused(l["Seul un compte évaluateur peut être affecté à un appel."]);
        }

        var current = await db.ReviewerAssignments.Where(r => r.CallForProjectsId == callId).ToListAsync(cancellationToken);
        db.ReviewerAssignments.RemoveRange(current.Where(r => !valid.Contains(r.UserId)));
        foreach (var userId in valid.Where(v => current.All(r => r.UserId != v)))
        {
            db.ReviewerAssignments.Add(new ReviewerAssignment { CallForProjectsId = callId, UserId = userId });
        }

        await db.SaveChangesAsync(cancellationToken);
        return SaveOutcome.Saved(callId);
    }

    private Task<SaveOutcome> SaveAsync(Application application, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync(application, stored => Conflict(stored), cancellationToken);

    private async Task<SaveOutcome> OvertakenAsync(int id, CancellationToken cancellationToken)
    {
        var stored = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return stored is null ? SaveOutcome.Missing() : SaveOutcome.Overtaken(Conflict(stored));
    }

    private ConcurrencyConflict Conflict(Application stored) => new(
        l["{0} a enregistré cette candidature le {1}, après que vous l'avez ouverte.", stored.UpdatedBy ?? "?", PortalFormat.Date(stored.UpdatedAtUtc)],
        stored.Version,
        [new(l["Statut"], l[RecordText.Of(stored.Status)], "")]);
}
