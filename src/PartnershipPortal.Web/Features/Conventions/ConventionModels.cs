using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;

namespace PartnershipPortal.Web.Features.Conventions;

public sealed class ConventionListQuery : ListQuery
{
    public int? Year { get; set; }

    public ConventionStatus? Status { get; set; }

    public int? AssociationId { get; set; }

    public int? CallId { get; set; }

    /// <summary>Conventions with at least one project in that domain.</summary>
    public int? DomainId { get; set; }

    public Region? Region { get; set; }

    /// <summary>City of the association.</summary>
    public string? City { get; set; }
}

public sealed record ConventionRow(
    int Id, string Reference, int BudgetYear, int AssociationId, string Association, string? Call,
    DateOnly? SigningDate, ConventionStatus Status, int Projects, long TotalCentimes);

public sealed class ConventionListModel
{
    public required ConventionListQuery Query { get; init; }

    public required ListPage<ConventionRow> Results { get; init; }

    public required List<int> Years { get; init; }

    public required List<SelectListItem> Statuses { get; init; }

    /// <summary>The chosen association's name, shown in its combobox.</summary>
    public string? AssociationText { get; init; }

    public required List<SelectListItem> Calls { get; init; }

    public required List<SelectListItem> Domains { get; init; }

    public required List<SelectListItem> Regions { get; init; }

}

public sealed class ConventionForm
{
    public Guid Version { get; set; }

    [Display(Name = "Année budgétaire")]
    [Required(ErrorMessage = "L'année budgétaire est obligatoire.")]
    [Range(BudgetYears.First, BudgetYears.Last, ErrorMessage = "L'année budgétaire est comprise entre {1} et {2}.")]
    public int? BudgetYear { get; set; }

    [Display(Name = "Association")]
    [Required(ErrorMessage = "Choisissez l'association.")]
    public int? AssociationId { get; set; }

    [Display(Name = "Appel à projets")]
    public int? CallForProjectsId { get; set; }

    [Display(Name = "Notes internes")]
    [StringLength(2000, ErrorMessage = "Les notes internes ne dépassent pas {1} caractères.")]
    public string? InternalNotes { get; set; }

    [Display(Name = "Message à l'association")]
    [StringLength(2000, ErrorMessage = "Le message à l'association ne dépasse pas {1} caractères.")]
    public string? MessageToAssociation { get; set; }

    public List<ProjectLineForm> Lines { get; set; } = [];

    public IEnumerable<ProjectLineForm> KeptLines => Lines.Where(l => !l.Remove);

    /// <summary>
    /// Checks across fields and lines. Called by the controller rather than through IValidatableObject, which MVC
    /// skips while any field has an error: the user sees every message at the first attempt.
    /// </summary>
    public IEnumerable<(string Member, string Message)> Check(IStringLocalizer l)
    {
        if (!KeptLines.Any())
        {
            yield return (nameof(Lines), l["Une convention compte au moins un projet : ajoutez une ligne."]);
        }

        foreach (var line in KeptLines)
        {
            foreach (var (member, message) in line.Check(l))
            {
                yield return ($"Lines[{line.Key}].{member}", message);
            }
        }
    }
}

/// <summary>The fields of one project, as typed on the convention page or on the project's own page.</summary>
public abstract class ProjectFields
{
    [Display(Name = "Intitulé du projet")]
    [Required(ErrorMessage = "L'intitulé du projet est obligatoire.")]
    [StringLength(250, ErrorMessage = "L'intitulé ne dépasse pas {1} caractères.")]
    public string? Title { get; set; }

    [Display(Name = "Domaine")]
    [Required(ErrorMessage = "Choisissez le domaine d'intervention.")]
    public int? DomainId { get; set; }

    [Display(Name = "Ville")]
    [Required(ErrorMessage = "La ville du projet est obligatoire.")]
    [StringLength(100, ErrorMessage = "La ville ne dépasse pas {1} caractères.")]
    public string? City { get; set; }

    [Display(Name = "Montant (DH)")]
    public string? Amount { get; set; }

    [Display(Name = "Bénéficiaires")]
    [Range(0, 10_000_000, ErrorMessage = "Le nombre de bénéficiaires est compris entre {1} et {2}.")]
    public int? BeneficiariesCount { get; set; }

    [Display(Name = "Description des bénéficiaires")]
    [StringLength(500, ErrorMessage = "La description des bénéficiaires ne dépasse pas {1} caractères.")]
    public string? BeneficiariesDescription { get; set; }

    [Display(Name = "Début")]
    public DateOnly? StartDate { get; set; }

    [Display(Name = "Fin")]
    public DateOnly? EndDate { get; set; }

    [Display(Name = "Statut")]
    public ProjectStatus Status { get; set; } = ProjectStatus.Planned;

    /// <summary>A line the user removed is not saved, so it is not checked either.</summary>
    protected virtual bool Skipped => false;

    /// <summary>Amount and period; run by the controller so they show together with the field messages.</summary>
    public IEnumerable<(string Member, string Message)> Check(IStringLocalizer l) =>
        Skipped
            ? []
            : AmountRules.Check(Amount, nameof(Amount), l).Concat(AmountRules.CheckPeriod(StartDate, EndDate, nameof(EndDate), l));
}

/// <summary>One project line of the convention page. <see cref="Key"/> names the line in the posted form, so lines can be added and removed in any order.</summary>
public sealed class ProjectLineForm : ProjectFields
{
    [RegularExpression("^[a-z0-9]{1,20}$", ErrorMessage = "Ligne de projet mal formée.")]
    public string Key { get; set; } = "";

    public int? Id { get; set; }

    public bool Remove { get; set; }

    protected override bool Skipped => Remove;
}

public sealed class ConventionFormPage
{
    public int? Id { get; init; }

    public string? Reference { get; init; }

    public required ConventionForm Form { get; init; }

    public required List<SelectListItem> Associations { get; init; }

    public required List<SelectListItem> Calls { get; init; }

    public required List<SelectListItem> Domains { get; init; }

    public required List<SelectListItem> ProjectStatuses { get; init; }
}

/// <summary>What the line partial needs; <see cref="Key"/> is "__key__" in the template the script clones.</summary>
public sealed record ProjectLineView(string Key, ProjectLineForm Line, int Number, ConventionFormPage Page);

public sealed record ConventionProject(
    int Id, string Title, string Domain, string City, int? BeneficiariesCount, string? BeneficiariesDescription,
    DateOnly? StartDate, DateOnly? EndDate, ProjectStatus Status, long AmountCentimes);

public sealed class ConventionDetails
{
    public required int Id { get; init; }

    public required string Reference { get; init; }

    public int BudgetYear { get; init; }

    public int AssociationId { get; init; }

    public required string Association { get; init; }

    public int? CallId { get; init; }

    public string? Call { get; init; }

    public DateOnly? SigningDate { get; init; }

    public ConventionStatus Status { get; init; }

    public long TotalCentimes { get; init; }

    public string? InternalNotes { get; init; }

    public string? MessageToAssociation { get; init; }

    public DateOnly? TerminationDate { get; init; }

    public string? TerminationReason { get; init; }

    public DateTime UpdatedAtUtc { get; init; }

    public string? UpdatedBy { get; init; }

    public List<ConventionProject> Projects { get; set; } = [];

    public List<AmendmentView> Amendments { get; set; } = [];

    /// <summary>The total as signed: before the first amendment, or the current total when there is none.</summary>
    public long OriginalTotalCentimes => Amendments.Count == 0 ? TotalCentimes : Amendments[0].TotalBeforeCentimes;

    /// <summary>The buttons of the page: what the signed-in person may do now.</summary>
    public IReadOnlyList<ConventionTransition> Transitions { get; set; } = [];
}

/// <summary>One amendment as the convention page and the association's space show it.</summary>
public sealed record AmendmentView(
    string Reference, DateOnly Date, string Reason, long TotalBeforeCentimes, long TotalAfterCentimes,
    IReadOnlyList<AmendmentChangeView> Changes);

public sealed record AmendmentChangeView(
    AmendmentChangeKind Kind, string ProjectTitle, long? AmountBeforeCentimes, long? AmountAfterCentimes,
    DateOnly? StartBefore, DateOnly? EndBefore, DateOnly? StartAfter, DateOnly? EndAfter);

/// <summary>The fields of a status change: its date when it needs one, and the reason.</summary>
public sealed class TransitionForm
{
    public Guid Version { get; set; }

    [Display(Name = "Date")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Motif")]
    [StringLength(1000, ErrorMessage = "Le motif ne dépasse pas {1} caractères.")]
    public string? Reason { get; set; }
}

/// <summary>The confirmation page of one status change.</summary>
public sealed class TransitionPage
{
    public required int Id { get; init; }

    public required string Reference { get; init; }

    public required string Association { get; init; }

    public required ConventionStatus From { get; init; }

    public required ConventionTransition Transition { get; init; }

    public ConventionStatus? To { get; init; }

    public long TotalCentimes { get; init; }

    public int Projects { get; init; }

    public required TransitionForm Form { get; init; }

    /// <summary>Why the change cannot be made now; the page then offers no button.</summary>
    public IReadOnlyList<string> Blockers { get; init; } = [];

    /// <summary>What the person signing should know but which does not prevent it (an incomplete dossier, issue 16).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>The heading of an amendment; its project lines are posted as on the convention page (Form.Lines).</summary>
public sealed class AmendmentFields
{
    [Display(Name = "Date de l'avenant")]
    [Required(ErrorMessage = "La date de l'avenant est obligatoire.")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Motif de l'avenant")]
    [Required(ErrorMessage = "Le motif de l'avenant est obligatoire.")]
    [StringLength(1000, ErrorMessage = "Le motif ne dépasse pas {1} caractères.")]
    public string? Reason { get; set; }
}

public sealed class AmendmentPage
{
    public required string NextReference { get; init; }

    public required AmendmentFields Amendment { get; init; }

    public required ConventionFormPage Page { get; init; }
}

/// <summary>Internal notes and message to the association: what still changes directly once a convention is signed.</summary>
public sealed class NotesForm
{
    public Guid Version { get; set; }

    [Display(Name = "Notes internes")]
    [StringLength(2000, ErrorMessage = "Les notes internes ne dépassent pas {1} caractères.")]
    public string? InternalNotes { get; set; }

    [Display(Name = "Message à l'association")]
    [StringLength(2000, ErrorMessage = "Le message à l'association ne dépasse pas {1} caractères.")]
    public string? MessageToAssociation { get; set; }
}

public sealed record NotesPage(int Id, string Reference, NotesForm Form);

/// <summary>An action the convention's status forbids, and why.</summary>
public sealed record RefusedPage(string Reference, int Id, IReadOnlyList<string> Messages);

/// <summary>The history block shared by the staff page and the association's space: the terms as signed, then each amendment.</summary>
public sealed record AmendmentHistory(DateOnly? SigningDate, long OriginalTotalCentimes, IReadOnlyList<AmendmentView> Amendments);
