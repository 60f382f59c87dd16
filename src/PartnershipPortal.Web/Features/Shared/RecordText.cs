using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Features.Shared;

/// <summary>The French names of the programme's enumerations; each is a localization key. The one source of these names: staff screens, the association's space and the bilan all read them here.</summary>
public static class RecordText
{
    public static string Of(Region region) => region switch
    {
        Region.TangerTetouanAlHoceima => "Tanger-Tétouan-Al Hoceïma",
        Region.Oriental => "L'Oriental",
        Region.FesMeknes => "Fès-Meknès",
        Region.RabatSaleKenitra => "Rabat-Salé-Kénitra",
        Region.BeniMellalKhenifra => "Béni Mellal-Khénifra",
        Region.CasablancaSettat => "Casablanca-Settat",
        Region.MarrakechSafi => "Marrakech-Safi",
        Region.DraaTafilalet => "Drâa-Tafilalet",
        Region.SoussMassa => "Souss-Massa",
        Region.GuelmimOuedNoun => "Guelmim-Oued Noun",
        Region.LaayouneSakiaElHamra => "Laâyoune-Sakia El Hamra",
        Region.DakhlaOuedEdDahab => "Dakhla-Oued Ed-Dahab",
        _ => region.ToString(),
    };

    public static string Of(AssociationStatus status) => status switch
    {
        AssociationStatus.Active => "Active",
        AssociationStatus.Inactive => "Inactive",
        AssociationStatus.Archived => "Archivée",
        _ => status.ToString(),
    };

    public static string Of(CallForProjectsStatus status) => status switch
    {
        CallForProjectsStatus.Draft => "En préparation",
        CallForProjectsStatus.Open => "Ouvert",
        CallForProjectsStatus.Closed => "Clos",
        _ => status.ToString(),
    };

    public static string Of(ConventionStatus status) => status switch
    {
        ConventionStatus.Draft => "Brouillon",
        ConventionStatus.Signed => "Signée",
        ConventionStatus.InProgress => "En cours",
        ConventionStatus.Completed => "Achevée",
        ConventionStatus.Cancelled => "Annulée",
        ConventionStatus.Terminated => "Résiliée",
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
        ActivityKind.ConsultationMeeting => "Rencontre de concertation",
        ActivityKind.TrainingWorkshop => "Atelier de formation",
        ActivityKind.CallForProjectsLaunch => "Lancement d'appel à projets",
        ActivityKind.MigrantsWeek => "Semaine des migrants",
        ActivityKind.Other => "Autre",
        _ => kind.ToString(),
    };

    public static string Of(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => "Brouillon",
        ApplicationStatus.Submitted => "Déposée",
        ApplicationStatus.Incomplete => "Incomplète",
        ApplicationStatus.Admissible => "Recevable",
        ApplicationStatus.Accepted => "Retenue",
        ApplicationStatus.Rejected => "Non retenue",
        ApplicationStatus.WaitingList => "Liste d'attente",
        _ => status.ToString(),
    };

    public static string Of(BudgetFunder funder) => funder switch
    {
        BudgetFunder.Ministry => "Le ministère",
        BudgetFunder.Association => "L'association",
        BudgetFunder.OtherPartner => "Autre partenaire",
        _ => funder.ToString(),
    };

    public static string Of(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Pending => "À examiner",
        RegistrationStatus.Approved => "Acceptée",
        RegistrationStatus.Rejected => "Refusée",
        _ => status.ToString(),
    };
}
