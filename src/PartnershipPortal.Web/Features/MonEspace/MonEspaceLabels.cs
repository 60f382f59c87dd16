using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Features.MonEspace;

/// <summary>French keys of the statuses and kinds shown in the association's space (translated through SharedResource).</summary>
public static class MonEspaceLabels
{
    public static string Of(ConventionStatus status) => status switch
    {
        ConventionStatus.Draft => "Brouillon",
        ConventionStatus.Signed => "Signée",
        ConventionStatus.InProgress => "En cours",
        ConventionStatus.Completed => "Achevée",
        ConventionStatus.Cancelled => "Annulée",
        _ => status.ToString(),
    };

    public static string Of(ProjectStatus status) => status switch
    {
        ProjectStatus.Planned => "Prévu",
        ProjectStatus.InProgress => "En cours",
        ProjectStatus.Completed => "Achevé",
        ProjectStatus.Cancelled => "Annulé",
        _ => status.ToString(),
    };

    public static string Of(ActivityKind kind) => kind switch
    {
        ActivityKind.ConsultationMeeting => "Réunion de concertation",
        ActivityKind.TrainingWorkshop => "Atelier de formation",
        ActivityKind.CallForProjectsLaunch => "Lancement d'appel à projets",
        ActivityKind.MigrantsWeek => "Semaine des migrants",
        ActivityKind.Other => "Autre",
        _ => kind.ToString(),
    };

    public static string Of(AssociationStatus status) => status switch
    {
        AssociationStatus.Active => "Active",
        AssociationStatus.Inactive => "Inactive",
        AssociationStatus.Archived => "Archivée",
        _ => status.ToString(),
    };
}
