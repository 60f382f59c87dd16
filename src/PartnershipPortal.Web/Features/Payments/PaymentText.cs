using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Features.Payments;

/// <summary>The French names of the reports' kinds and states; each is a localization key.</summary>
public static class PaymentText
{
    public static string Of(ReportKind kind) => kind switch
    {
        ReportKind.Interim => "Rapport intermédiaire",
        ReportKind.Final => "Rapport final",
        _ => kind.ToString(),
    };

    public static string Of(ReportStatus status) => status switch
    {
        ReportStatus.Due => "À remettre",
        ReportStatus.Submitted => "Remis, en examen",
        ReportStatus.Returned => "Renvoyé pour compléments",
        ReportStatus.Approved => "Approuvé",
        _ => status.ToString(),
    };

    public static string Of(ReportMessageKind kind) => kind switch
    {
        ReportMessageKind.Submission => "Remise du rapport",
        ReportMessageKind.Resubmission => "Nouvelle remise",
        ReportMessageKind.Returned => "Renvoyé par le ministère",
        ReportMessageKind.Approved => "Approuvé par le ministère",
        _ => kind.ToString(),
    };
}
