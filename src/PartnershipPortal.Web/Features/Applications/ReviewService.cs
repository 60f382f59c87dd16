using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Associations;
using PartnershipPortal.Web.Features.Shared;

namespace PartnershipPortal.Web.Features.Applications;

public sealed record AssignedCall(int Id, string Reference, string Title, DateOnly? Deadline, int Applications, int Reviewed);

public sealed record ReviewerApplicationRow(int Id, string? Number, string Association, string ProjectTitle, ReviewConflict? Conflict, bool Completed);

public sealed record ReviewerCallPage(int Id, string Reference, string Title, IReadOnlyList<CriterionView> Criteria, IReadOnlyList<ReviewerApplicationRow> Applications);

public sealed class ScoreInput
{
    public int CriterionId { get; set; }

    public int? Score { get; set; }

    [StringLength(2000, ErrorMessage = "Le commentaire ne dépasse pas {1} caractères.")]
    public string? Comment { get; set; }
}

public sealed class ScoresForm
{
    public List<ScoreInput> Scores { get; set; } = [];
}

public sealed class ReviewerApplicationPage
{
    public required int Id { get; init; }

    public required int CallId { get; init; }

    public string? Number { get; init; }

    public required string Association { get; init; }

    public required ApplicationSheet Sheet { get; init; }

    public ApplicationStatus Status { get; init; }

    public ReviewConflict? Conflict { get; init; }

    public required IReadOnlyList<CriterionView> Criteria { get; init; }

    public required ScoresForm Form { get; set; }
}

/// <summary>
/// The reviewer's side. Every query starts from the calls the administrator assigned to the signed-in reviewer, so an
/// application of another call is simply not found; only admissible applications are scored.
/// </summary>
public sealed class ReviewService(PortalDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l)
{
    private IQueryable<Application> Visible(string reviewerId) => db.Applications.AsNoTracking()
        .Where(a => SelectionService.RankedStatuses.Contains(a.Status)
            && db.ReviewerAssignments.Any(r => r.UserId == reviewerId && r.CallForProjectsId == a.CallForProjectsId));

    /// <summary>Whether the reviewer sees the application at all (and so its attachments).</summary>
    public Task<bool> SeesAsync(string reviewerId, int applicationId, CancellationToken cancellationToken) =>
        Visible(reviewerId).AnyAsync(a => a.Id == applicationId, cancellationToken);

    public Task<List<AssignedCall>> CallsAsync(string reviewerId, CancellationToken cancellationToken) =>
        db.ReviewerAssignments.AsNoTracking().Where(r => r.UserId == reviewerId)
            .OrderByDescending(r => r.CallForProjects!.Year).ThenBy(r => r.CallForProjects!.Reference)
            .Select(r => new AssignedCall(r.CallForProjectsId, r.CallForProjects!.Reference, r.CallForProjects.Title, r.CallForProjects.Deadline,
                r.CallForProjects.Applications.Count(a => a.Status == ApplicationStatus.Admissible),
                r.CallForProjects.Applications.Count(a => a.Reviews.Any(v => v.ReviewerId == reviewerId && (v.CompletedAtUtc != null || v.Conflict == ReviewConflict.Withdrawn)))))
            .ToListAsync(cancellationToken);

    public async Task<ReviewerCallPage?> CallAsync(string reviewerId, int callId, CancellationToken cancellationToken)
    {
        var call = await db.ReviewerAssignments.AsNoTracking().Where(r => r.UserId == reviewerId && r.CallForProjectsId == callId)
            .Select(r => new { r.CallForProjects!.Reference, r.CallForProjects.Title }).SingleOrDefaultAsync(cancellationToken);
        if (call is null)
        {
            return null;
        }

        var rows = await Visible(reviewerId).Where(a => a.CallForProjectsId == callId).OrderBy(a => a.AcknowledgementNumber)
            .Select(a => new ReviewerApplicationRow(a.Id, a.AcknowledgementNumber, a.Association!.Name, a.ProjectTitle,
                a.Reviews.Where(r => r.ReviewerId == reviewerId).Select(r => (ReviewConflict?)r.Conflict).FirstOrDefault(),
                a.Reviews.Any(r => r.ReviewerId == reviewerId && r.CompletedAtUtc != null)))
            .ToListAsync(cancellationToken);
        return new ReviewerCallPage(callId, call.Reference, call.Title, await ApplicationService.CriteriaAsync(db, callId, cancellationToken), rows);
    }

    public async Task<ReviewerApplicationPage?> ApplicationAsync(string reviewerId, int id, CancellationToken cancellationToken)
    {
        var a = await Visible(reviewerId).Include(x => x.BudgetLines).Include(x => x.Domain).Include(x => x.Association)
            .SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (a is null)
        {
            return null;
        }

        var review = await db.Reviews.AsNoTracking().Include(r => r.Scores).SingleOrDefaultAsync(r => r.ApplicationId == id && r.ReviewerId == reviewerId, cancellationToken);
        var criteria = await ApplicationService.CriteriaAsync(db, a.CallForProjectsId, cancellationToken);
        return new ReviewerApplicationPage
        {
            Id = a.Id, CallId = a.CallForProjectsId, Number = a.AcknowledgementNumber, Association = a.Association!.Name,
            Sheet = ApplicationSheet.Of(a) with { Attachments = await ApplicationAttachments.ListAsync(db, id, cancellationToken) }, Status = a.Status, Conflict = review?.Conflict,
            Criteria = criteria,
            Form = new ScoresForm
            {
                // The scores already given; the form finds each beside its criterion, and leaves the others blank.
                Scores = review?.Scores.Select(s => new ScoreInput { CriterionId = s.ScoringCriterionId, Score = s.Score, Comment = s.Comment }).ToList() ?? [],
            },
        };
    }

    /// <summary>
    /// No conflict of interest: the reviewer may score. A withdrawal removes the reviewer from the application for good,
    /// with any score given: it no longer counts in the ranking.
    /// </summary>
    public async Task<SaveOutcome> DeclareAsync(string reviewerId, int id, ReviewConflict conflict, CancellationToken cancellationToken)
    {
        var application = await Visible(reviewerId).Where(a => a.Id == id).Select(a => new { a.Id, a.Status }).SingleOrDefaultAsync(cancellationToken);
        if (application is null)
        {
            return SaveOutcome.Missing();
        }

        if (application.Status != ApplicationStatus.Admissible)
        {
            return SaveOutcome.Refused(l["La sélection de cette candidature est terminée : l'évaluation ne change plus."]);
        }

        var review = await db.Reviews.Include(r => r.Scores).SingleOrDefaultAsync(r => r.ApplicationId == id && r.ReviewerId == reviewerId, cancellationToken);
        if (review?.Conflict == ReviewConflict.Withdrawn)
        {
            return Withdrawn();
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (review is null)
        {
            review = new Review { ApplicationId = id, ReviewerId = reviewerId };
            db.Reviews.Add(review);
        }

        review.Conflict = conflict;
        review.DeclaredAtUtc = now;
        if (conflict == ReviewConflict.Withdrawn)
        {
            db.ReviewScores.RemoveRange(review.Scores);
            review.CompletedAtUtc = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        return SaveOutcome.Saved(id);
    }

    private SaveOutcome Withdrawn() => SaveOutcome.Refused(l["Vous vous êtes retiré de l'évaluation de cette candidature."]);

    public async Task<SaveOutcome> ScoreAsync(string reviewerId, int id, ScoresForm form, CancellationToken cancellationToken)
    {
        var application = await Visible(reviewerId).Where(a => a.Id == id).Select(a => new { a.Id, a.Status, a.CallForProjectsId }).SingleOrDefaultAsync(cancellationToken);
        if (application is null)
        {
            return SaveOutcome.Missing();
        }

        if (application.Status != ApplicationStatus.Admissible)
        {
            return SaveOutcome.Refused(l["La sélection de cette candidature est terminée : l'évaluation ne change plus."]);
        }

        var review = await db.Reviews.Include(r => r.Scores).SingleOrDefaultAsync(r => r.ApplicationId == id && r.ReviewerId == reviewerId, cancellationToken);
        if (review?.Conflict == ReviewConflict.Withdrawn)
        {
            // Not "declare first": a withdrawal is final, there is nothing left to declare.
            return Withdrawn();
        }

        if (review is null || review.Conflict != ReviewConflict.NoConflict)
        {
            return SaveOutcome.Refused(l["Déclarez d'abord que vous n'avez pas de conflit d'intérêts avec cette candidature."]);
        }

        var criteria = await ApplicationService.CriteriaAsync(db, application.CallForProjectsId, cancellationToken);
        if (criteria.Count == 0)
        {
            return SaveOutcome.Refused(l["La grille d'évaluation de cet appel n'est pas encore définie."]);
        }

        // Every criterion, each within its scale: a partial or out-of-range grid saves nothing.
        for (var i = 0; i < criteria.Count; i++)
        {
            var criterion = criteria[i];
            var input = form.Scores.FirstOrDefault(s => s.CriterionId == criterion.Id);
            if (input?.Score is not { } score || score < 0 || score > criterion.Maximum)
            {
                return SaveOutcome.Refused(l["Notez « {0} » entre 0 et {1}.", criterion.Label, criterion.Maximum]);
            }
        }

        foreach (var criterion in criteria)
        {
            var input = form.Scores.First(s => s.CriterionId == criterion.Id);
            var stored = review.Scores.FirstOrDefault(s => s.ScoringCriterionId == criterion.Id);
            if (stored is null)
            {
                review.Scores.Add(new ReviewScore { ScoringCriterionId = criterion.Id, Score = input.Score!.Value, Comment = AssociationService.Clean(input.Comment) });
            }
            else
            {
                stored.Score = input.Score!.Value;
                stored.Comment = AssociationService.Clean(input.Comment);
            }
        }

        review.CompletedAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return SaveOutcome.Saved(id);
    }
}
