using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Files;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Auditing;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Dossier;

/// <summary>The association's own legal dossier: upload, replace and delete its documents.</summary>
[Authorize(Policy = Policies.AssociationMember)]
[Route("MonEspace/Dossier")]
public sealed class MonEspaceDossierController(
    DossierService service, UploadReader uploads, AuditWriter audit, IStringLocalizer<SharedResource> l) : Controller
{
    private const string PageView = "~/Features/Dossier/MonDossier.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var page = await service.PageAsync(AssociationId, withHistory: false, cancellationToken);
        return page is null ? NotFound() : View(PageView, page);
    }

    /// <summary>
    /// The form is read as a stream (never bound, never buffered): the reader checks the antiforgery token itself,
    /// before the first byte of the file is kept. No parameter at all: any bound parameter, even a CancellationToken,
    /// makes MVC build its value providers, and the form's provider reads (and buffers) the whole body first.
    /// </summary>
    [HttpPost("")]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> Upload()
    {
        var cancellationToken = HttpContext.RequestAborted;
        using var upload = await uploads.ReadAsync(HttpContext, cancellationToken);
        if (upload is null)
        {
            return BadRequest();
        }

        var result = await service.UploadAsync(AssociationId, upload, cancellationToken);
        if (result.Error is not null)
        {
            var page = await service.PageAsync(AssociationId, withHistory: false, cancellationToken);
            if (page is null)
            {
                return NotFound();
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(PageView, page with { Error = result.Error, ErrorKindId = result.KindId });
        }

        TempData["Success"] = l["Le document a été déposé."].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("Supprimer/{id:int}")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var document = await service.CurrentDocumentAsync(AssociationId, id, cancellationToken);
        if (document is null)
        {
            return await NotFoundAuditedAsync(id, cancellationToken);
        }

        return View("ConfirmDelete", new DeleteConfirmation(
            l["Supprimer le document"], $"{document.KindName} : {document.FileName}",
            [l["La version précédente du document, s'il y en a une, redevient la version en vigueur."].Value],
            [], nameof(DeleteConfirmed), Url.Action(nameof(Index))!));
    }

    [HttpPost("Supprimer/{id:int}")]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken cancellationToken)
    {
        if (!await service.DeleteCurrentAsync(AssociationId, id, cancellationToken))
        {
            return await NotFoundAuditedAsync(id, cancellationToken);
        }

        TempData["Success"] = l["Le document a été supprimé."].Value;
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> NotFoundAuditedAsync(int id, CancellationToken cancellationToken)
    {
        if (await service.BelongsToAnotherAssociationAsync(AssociationId, id, cancellationToken))
        {
            // Answered exactly like a missing document, but the attempt is recorded.
            await audit.WriteAsync(AuditActions.AccessDenied, nameof(DossierDocument), id.ToString(CultureInfo.InvariantCulture),
                details: $"404 {Request.Method} {Request.Path} (autre association)", cancellationToken: cancellationToken);
        }

        return NotFound();
    }

    private int AssociationId => int.Parse(User.FindFirst(PortalClaims.AssociationId)!.Value, CultureInfo.InvariantCulture);
}
