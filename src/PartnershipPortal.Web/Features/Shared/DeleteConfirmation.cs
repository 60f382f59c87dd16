namespace PartnershipPortal.Web.Features.Shared;

/// <summary>
/// The one confirmation page of every delete: what will go, and what stops it. When something depends on the
/// record, the page explains it and may offer the gentler action (archive, deactivate) instead.
/// </summary>
public sealed record DeleteConfirmation(
    string Heading,
    string Name,
    IReadOnlyList<string> Facts,
    IReadOnlyList<string> Blockers,
    string DeleteAction,
    string CancelUrl)
{
    public bool CanDelete => Blockers.Count == 0;

    /// <summary>Action of the same controller offered instead of deleting (for example "Archive"), with its button text.</summary>
    public (string Action, string Label, string Explanation)? Alternative { get; init; }
}
