using System.ComponentModel.DataAnnotations;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Features.Payments;

/// <summary>What a money action answered: done (perhaps with warnings), refused with the reasons, or missing.</summary>
public sealed record MoneyOutcome(bool NotFound, IReadOnlyList<string> Refusals, IReadOnlyList<string> Warnings)
{
    public static MoneyOutcome Missing() => new(true, [], []);

    public static MoneyOutcome Refused(params string[] reasons) => new(false, reasons, []);

    public static MoneyOutcome Done(IReadOnlyList<string> warnings) => new(false, [], warnings);

    public bool Succeeded => !NotFound && Refusals.Count == 0;
}

public sealed class TrancheLineForm
{
    /// <summary>The stored tranche; null for a line added on the page.</summary>
    public int? Id { get; set; }

    [Display(Name = "Date prévue")]
    public DateOnly? PlannedDate { get; set; }

    [Display(Name = "Montant prévu")]
    public string? Amount { get; set; }

    public bool IsBalance { get; set; }

    public bool Remove { get; set; }
}

public sealed class ScheduleForm
{
    public List<TrancheLineForm> Lines { get; set; } = [];
}

public sealed class OrderForm
{
    public int TrancheId { get; set; }

    [Display(Name = "Numéro de l'ordre de paiement")]
    public string? OrderNumber { get; set; }

    [Display(Name = "Date de l'ordre")]
    public DateOnly? Date { get; set; }
}

public sealed class PayForm
{
    public int TrancheId { get; set; }

    [Display(Name = "Date du paiement")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Montant payé")]
    public string? Amount { get; set; }
}

public sealed class ReverseForm
{
    public int PaymentId { get; set; }

    [Display(Name = "Date de la contrepassation")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Motif")]
    public string? Reason { get; set; }
}

public sealed record PaymentLine(int Id, DateOnly PaidOn, long AmountCentimes, int? ReversesPaymentId, string? Reason, bool Reversed, string? RecordedBy);

public sealed record TrancheLine(
    int Id, int Number, DateOnly PlannedDate, long PlannedCentimes, bool IsBalance, string? OrderNumber, DateOnly? OrderedOn,
    IReadOnlyList<PaymentLine> Payments)
{
    public long PaidCentimes => Payments.Sum(p => p.AmountCentimes);
}

public sealed record ReportLine(int Id, ReportKind Kind, DateOnly DueDate, ReportStatus Status, DateTime? SubmittedAtUtc);

/// <summary>The staff page of a convention's money and obligations.</summary>
public sealed class SchedulePage
{
    public int ConventionId { get; init; }

    public required string Reference { get; init; }

    public required string Association { get; init; }

    public ConventionStatus Status { get; init; }

    public DateOnly? SigningDate { get; init; }

    public long TotalCentimes { get; init; }

    public IReadOnlyList<TrancheLine> Tranches { get; init; } = [];

    public IReadOnlyList<ReportLine> Reports { get; init; } = [];

    /// <summary>What the stored schedule breaks now (after an amendment, say), worded for staff.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Why the last action was refused, shown above everything.</summary>
    public IReadOnlyList<string> Refusals { get; set; } = [];

    public ScheduleForm Schedule { get; set; } = new();

    public string? FollowUpAgentId { get; init; }

    /// <summary>The accounts that may follow the convention, for its select.</summary>
    public IReadOnlyList<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Agents { get; set; } = [];

    public bool Signed => Convention.SignedStatuses.Contains(Status);

    public long OrderedCentimes => Tranches.Where(t => t.OrderedOn is not null).Sum(t => t.PlannedCentimes);

    public long PaidCentimes => Tranches.Sum(t => t.PaidCentimes);
}
