using Microsoft.AspNetCore.Mvc;

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

public static class DeleteOutcomes
{
    /// <summary>
    /// The answer to a delete POST, the same on every screen: 404 for a missing record, the confirmation page again
    /// with 409 when something still depends on it, else the success message and <paramref name="next"/>.
    /// </summary>
    public static IActionResult DeleteOutcome(
        this Controller controller, DeleteConfirmation? confirmation, string successMessage, Func<IActionResult> next)
    {
        if (confirmation is null)
        {
            return controller.NotFound();
        }

        if (!confirmation.CanDelete)
        {
            controller.Response.StatusCode = StatusCodes.Status409Conflict;
            return controller.View("ConfirmDelete", confirmation);
        }

        controller.TempData["Success"] = successMessage;
        return next();
    }
}
