using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;

namespace PartnershipPortal.Web.Features.Applications;

/// <summary>An open call as an association reads it.</summary>
public sealed record OpenCall(
    int Id, string Reference, string Title, int Year, DateOnly? Deadline, long? BudgetEnvelopeCentimes, long? MaxPerProjectCentimes,
    string? Description, IReadOnlyList<string> Domains, IReadOnlyList<CriterionView> Criteria);

public sealed record CriterionView(int Id, string Label, int Weight, int Maximum);

/// <summary>One application in the association's list: its status and decision, never a reviewer or a score.</summary>
public sealed record OwnApplicationRow(
    int Id, string? Number, string CallReference, string CallTitle, string ProjectTitle, ApplicationStatus Status,
    long RequestedAmountCentimes, long? GrantedAmountCentimes, DateTime? SubmittedAtUtc);

public sealed record CallsPage(IReadOnlyList<OpenCall> Calls, IReadOnlyList<OwnApplicationRow> Applications);

public sealed class BudgetLineInput
{
    [StringLength(200, ErrorMessage = "La rubrique ne dépasse pas {1} caractères.")]
    public string? Category { get; set; }

    public string? Amount { get; set; }

    public BudgetFunder Funder { get; set; } = BudgetFunder.Ministry;

    [StringLength(200, ErrorMessage = "Le nom du partenaire ne dépasse pas {1} caractères.")]
    public string? PartnerName { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Category) && string.IsNullOrWhiteSpace(Amount) && string.IsNullOrWhiteSpace(PartnerName);
}

public sealed class ApplicationForm : IVersionedForm, IValidatableObject
{
    /// <summary>Blank lines offered under the budget, so that a line is added without a script.</summary>
    public const int BlankLines = 3;

    public Guid Version { get; set; }

    [Display(Name = "Intitulé du projet")]
    [Required(ErrorMessage = "L'intitulé du projet est obligatoire.")]
    [StringLength(250, ErrorMessage = "L'intitulé ne dépasse pas {1} caractères.")]
    public string? ProjectTitle { get; set; }

    [Display(Name = "Domaine d'intervention")]
    public int? DomainId { get; set; }

    [Display(Name = "Région")]
    public Region? Region { get; set; }

    [Display(Name = "Ville")]
    [StringLength(100, ErrorMessage = "La ville ne dépasse pas {1} caractères.")]
    public string? City { get; set; }

    [Display(Name = "Résumé du projet")]
    [StringLength(4000, ErrorMessage = "Le résumé ne dépasse pas {1} caractères.")]
    public string? Summary { get; set; }

    [Display(Name = "Objectifs")]
    [StringLength(4000, ErrorMessage = "Les objectifs ne dépassent pas {1} caractères.")]
    public string? Objectives { get; set; }

    [Display(Name = "Activités prévues")]
    [StringLength(4000, ErrorMessage = "Les activités prévues ne dépassent pas {1} caractères.")]
    public string? PlannedActivities { get; set; }

    [Display(Name = "Public cible")]
    [StringLength(1000, ErrorMessage = "Le public cible ne dépasse pas {1} caractères.")]
    public string? TargetGroup { get; set; }

    [Display(Name = "Enfants")]
    [Range(0, 10_000_000, ErrorMessage = "Le nombre de bénéficiaires est compris entre {1} et {2}.")]
    public int? PlannedChildren { get; set; }

    [Display(Name = "Femmes")]
    [Range(0, 10_000_000, ErrorMessage = "Le nombre de bénéficiaires est compris entre {1} et {2}.")]
    public int? PlannedWomen { get; set; }

    [Display(Name = "Hommes")]
    [Range(0, 10_000_000, ErrorMessage = "Le nombre de bénéficiaires est compris entre {1} et {2}.")]
    public int? PlannedMen { get; set; }

    [Display(Name = "dont migrants")]
    [Range(0, 10_000_000, ErrorMessage = "Le nombre de bénéficiaires est compris entre {1} et {2}.")]
    public int? PlannedMigrants { get; set; }

    [Display(Name = "dont réfugiés")]
    [Range(0, 10_000_000, ErrorMessage = "Le nombre de bénéficiaires est compris entre {1} et {2}.")]
    public int? PlannedRefugees { get; set; }

    [Display(Name = "Date de début")]
    public DateOnly? StartDate { get; set; }

    [Display(Name = "Date de fin")]
    public DateOnly? EndDate { get; set; }

    [Display(Name = "Montant demandé (DH)")]
    public string? RequestedAmount { get; set; }

    [Display(Name = "Message au ministère")]
    [StringLength(4000, ErrorMessage = "Le message ne dépasse pas {1} caractères.")]
    public string? Reply { get; set; }

    public List<BudgetLineInput> Lines { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in AmountRules.Validate(RequestedAmount, nameof(RequestedAmount), validationContext, required: false)
            .Concat(AmountRules.Period(StartDate, EndDate, nameof(EndDate), validationContext)))
        {
            yield return result;
        }

        for (var i = 0; i < Lines.Count; i++)
        {
            if (Lines[i].IsEmpty)
            {
                continue;
            }

            foreach (var result in AmountRules.Validate(Lines[i].Amount, $"Lines[{i}].Amount", validationContext))
            {
                yield return result;
            }
        }
    }
}

/// <summary>The application page of the association: the form while it may change it, else what it submitted.</summary>
public sealed class ApplicationPage
{
    public int? Id { get; init; }

    public required OpenCall Call { get; init; }

    public required ApplicationForm Form { get; init; }

    public string? Number { get; init; }

    public ApplicationStatus Status { get; init; } = ApplicationStatus.Draft;

    public long? GrantedAmountCentimes { get; init; }

    public string? DecisionReason { get; init; }

    public DateTime? SubmittedAtUtc { get; init; }

    public IReadOnlyList<MessageView> Messages { get; init; } = [];

    public ApplicationSheet? Sheet { get; init; }

    public required List<SelectListItem> Domains { get; init; }

    public required List<SelectListItem> Regions { get; init; }

    public bool Editable => Application.EditableStatuses.Contains(Status);

    /// <summary>Why the last attachment was refused, shown above the attachments.</summary>
    public string? UploadError { get; set; }

    public long MaxMegabytes { get; init; }

    public BudgetSummary Budget => BudgetSummary.Of(Form.Lines);
}

public sealed record MessageView(ApplicationMessageKind Kind, bool FromStaff, string Text, DateTime AtUtc);

/// <summary>The budget's totals: the co-financing share is what the association and its other partners bring.</summary>
public sealed record BudgetSummary(long TotalCentimes, long MinistryCentimes)
{
    public long CoFinancingCentimes => TotalCentimes - MinistryCentimes;

    public decimal? CoFinancingShare => TotalCentimes == 0 ? null : (decimal)CoFinancingCentimes / TotalCentimes;

    public static BudgetSummary Of(IEnumerable<(long Amount, BudgetFunder Funder)> lines)
    {
        var list = lines.ToList();
        return new(list.Sum(l => l.Amount), list.Where(l => l.Funder == BudgetFunder.Ministry).Sum(l => l.Amount));
    }

    public static BudgetSummary Of(IEnumerable<BudgetLineInput> lines) => Of(lines
        .Where(l => !l.IsEmpty)
        .Select(l => (Infrastructure.Formatting.AmountInput.TryParseCentimes(l.Amount, out var c) ? c : 0L, l.Funder)));
}

public sealed record BudgetLineView(string Category, long AmountCentimes, BudgetFunder Funder, string? PartnerName);

/// <summary>An application as submitted, read-only: the same sheet for the association, staff and reviewers.</summary>
public sealed record ApplicationSheet(
    string ProjectTitle, string? Domain, Region? Region, string? City, string? Summary, string? Objectives, string? PlannedActivities,
    string? TargetGroup, int? Children, int? Women, int? Men, int? Migrants, int? Refugees, DateOnly? StartDate, DateOnly? EndDate,
    long RequestedAmountCentimes, IReadOnlyList<BudgetLineView> Lines)
{
    public IReadOnlyList<AttachmentView> Attachments { get; init; } = [];

    public BudgetSummary Budget => BudgetSummary.Of(Lines.Select(x => (x.AmountCentimes, x.Funder)));

    public static ApplicationSheet Of(Application a) => new(
        a.ProjectTitle,
        a.Domain is null ? null : Infrastructure.Localization.LocalizedName.In(Infrastructure.Localization.PortalCultures.Current, a.Domain.NameFr, a.Domain.NameAr, a.Domain.NameEn),
        a.Region, a.City, a.Summary, a.Objectives, a.PlannedActivities, a.TargetGroup, a.PlannedChildren, a.PlannedWomen, a.PlannedMen,
        a.PlannedMigrants, a.PlannedRefugees, a.StartDate, a.EndDate, a.RequestedAmountCentimes,
        a.BudgetLines.OrderBy(b => b.DisplayOrder).ThenBy(b => b.Id).Select(b => new BudgetLineView(b.Category, b.AmountCentimes, b.Funder, b.PartnerName)).ToList());
}
