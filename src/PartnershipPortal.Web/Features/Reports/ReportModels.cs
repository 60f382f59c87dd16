using System.ComponentModel.DataAnnotations;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Payments;

namespace PartnershipPortal.Web.Features.Reports;

/// <summary>What the association types in its report; the budget lines' categories and planned amounts come from the server.</summary>
public sealed class ReportForm
{
    public Guid Version { get; set; }

    [Display(Name = "Activités réalisées")]
    [StringLength(8000, ErrorMessage = "{0} : {1} caractères au plus.")]
    public string? Narrative { get; set; }

    [Range(0, 10_000_000, ErrorMessage = "{0} : un nombre entre {1} et {2}.")]
    [Display(Name = "Enfants")]
    public int? ReachedChildren { get; set; }

    [Range(0, 10_000_000, ErrorMessage = "{0} : un nombre entre {1} et {2}.")]
    [Display(Name = "Femmes")]
    public int? ReachedWomen { get; set; }

    [Range(0, 10_000_000, ErrorMessage = "{0} : un nombre entre {1} et {2}.")]
    [Display(Name = "Hommes")]
    public int? ReachedMen { get; set; }

    [Range(0, 10_000_000, ErrorMessage = "{0} : un nombre entre {1} et {2}.")]
    [Display(Name = "Migrants")]
    public int? ReachedMigrants { get; set; }

    [Range(0, 10_000_000, ErrorMessage = "{0} : un nombre entre {1} et {2}.")]
    [Display(Name = "Réfugiés")]
    public int? ReachedRefugees { get; set; }

    /// <summary>Spent per budget line, in the order the page shows the lines.</summary>
    public List<string?> Spent { get; set; } = [];

    /// <summary>A word to the ministry with a submission (what was completed after a return).</summary>
    [StringLength(4000, ErrorMessage = "{0} : {1} caractères au plus.")]
    [Display(Name = "Message au ministère")]
    public string? Message { get; set; }
}

public sealed record BudgetLineView(string Category, long PlannedCentimes, long SpentCentimes);

public sealed record ReportMessageView(ReportMessageKind Kind, bool FromStaff, string? Text, DateTime AtUtc, string? By);

public sealed record AttachmentView(Guid Id, string FileName, long SizeBytes);

/// <summary>The planned beneficiaries of the application the convention came from, by the categories the report asks.</summary>
public sealed record PlannedBeneficiaries(int? Children, int? Women, int? Men, int? Migrants, int? Refugees);

/// <summary>A report as the association or staff see it.</summary>
public sealed class ReportPage
{
    public int Id { get; init; }

    public int ConventionId { get; init; }

    public required string ConventionReference { get; init; }

    public required string Association { get; init; }

    public ReportKind Kind { get; init; }

    public DateOnly DueDate { get; init; }

    public ReportStatus Status { get; init; }

    public DateTime? SubmittedAtUtc { get; init; }

    public long ConventionTotalCentimes { get; init; }

    public long ReceivedCentimes { get; init; }

    public IReadOnlyList<TrancheLine> Tranches { get; init; } = [];

    public IReadOnlyList<BudgetLineView> BudgetLines { get; init; } = [];

    public PlannedBeneficiaries? Planned { get; init; }

    public IReadOnlyList<ReportMessageView> Messages { get; init; } = [];

    public IReadOnlyList<AttachmentView> Attachments { get; init; } = [];

    public ReportForm Form { get; set; } = new();

    /// <summary>An upload refused, shown above the attachments.</summary>
    public string? UploadError { get; set; }

    /// <summary>Why a review was refused (staff page).</summary>
    public IReadOnlyList<string> Refusals { get; set; } = [];

    public bool Editable => ConventionReport.EditableStatuses.Contains(Status);
}

/// <summary>The association's obligations and money, on /MonEspace/Rapports.</summary>
public sealed class OwnReportsPage
{
    public IReadOnlyList<OwnConventionMoney> Conventions { get; init; } = [];
}

public sealed record OwnConventionMoney(
    int Id, string Reference, ConventionStatus Status, long TotalCentimes, IReadOnlyList<TrancheLine> Tranches, IReadOnlyList<ReportLine> Reports)
{
    public long ReceivedCentimes => Tranches.Sum(t => t.PaidCentimes);
}

public sealed class ReviewForm
{
    [StringLength(4000, ErrorMessage = "{0} : {1} caractères au plus.")]
    [Display(Name = "Commentaire")]
    public string? Comment { get; set; }
}
