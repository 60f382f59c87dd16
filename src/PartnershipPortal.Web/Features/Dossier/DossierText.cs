namespace PartnershipPortal.Web.Features.Dossier;

/// <summary>French labels (localization keys) and badge colours of the dossier states.</summary>
public static class DossierText
{
    public static string Of(DossierState state) => state switch
    {
        DossierState.Complete => "Complet",
        DossierState.ExpiringSoon => "Expire dans moins de 30 jours",
        DossierState.Expired => "Document expiré",
        DossierState.Missing => "Incomplet",
        _ => state.ToString(),
    };

    public static string Badge(DossierState state) =>
        state is DossierState.Complete ? "text-bg-success" : state is DossierState.ExpiringSoon ? "text-bg-warning" : "text-bg-danger";
}
