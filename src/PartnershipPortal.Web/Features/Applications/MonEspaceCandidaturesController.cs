using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Files;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Auditing;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Applications;

/// <summary>The association's own applications: a draft or an incomplete one is changed here, a submitted one only read.</summary>
[Authorize(Policy = Policies.AssociationMember)]
[Route("MonEspace/Candidatures")]
public sealed class MonEspaceCandidaturesController(
    ApplicationService service, ApplicationAttachments attachments, UploadReader uploads, RecordLookups lookups, AuditWriter audit,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var page = await PageAsync(id, null, cancellationToken);
        return page is null ? await NotFoundAuditedAsync(id, cancellationToken) : View(MonEspaceAppelsController.FormView, page);
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Details(int id, [Bind(Prefix = "Form")] ApplicationForm form, string? intent, CancellationToken cancellationToken)
    {
        if (await service.OwnAsync(AssociationId, id, cancellationToken) is null)
        {
            return await NotFoundAuditedAsync(id, cancellationToken);
        }

        if (ModelState.IsValid)
        {
            var result = await service.UpdateAsync(AssociationId, id, form, intent == "submit", cancellationToken);
            if (result.Outcome.NotFound)
            {
                return NotFound();
            }

            if (result.Outcome.Succeeded)
            {
                TempData["Success"] = result.Submitted
                    ? l["Votre candidature est déposée. Numéro d'accusé de réception : {0}.", result.Number!].Value
                    : l["Le brouillon de la candidature est enregistré."].Value;
                return RedirectToAction(nameof(Details), new { id });
            }

            result.Outcome.ApplyTo(ModelState, ViewData, v => form.Version = v);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(MonEspaceAppelsController.FormView, (await PageAsync(id, form, cancellationToken))!);
    }

    /// <summary>
    /// A file attached to the application, read as a stream like every upload (see the dossier's upload). No bound
    /// parameter, not even the id: any would make MVC read and buffer the whole form first; the id is taken from the
    /// route values, which the route's constraint has already checked.
    /// </summary>
    [HttpPost("{id:int}/PiecesJointes")]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> Attach()
    {
        var id = int.Parse((string)RouteData.Values["id"]!, CultureInfo.InvariantCulture);
        var cancellationToken = HttpContext.RequestAborted;
        using var upload = await uploads.ReadAsync(HttpContext, cancellationToken);
        if (upload is null)
        {
            return BadRequest();
        }

        var result = await attachments.AttachAsync(AssociationId, id, upload, cancellationToken);
        return await AttachmentOutcomeAsync(id, result, l["Le fichier est joint à la candidature."], cancellationToken);
    }

    [HttpPost("{id:int}/PiecesJointes/Retirer")]
    public async Task<IActionResult> Detach(int id, Guid file, CancellationToken cancellationToken)
    {
        var result = await attachments.DetachAsync(AssociationId, id, file, cancellationToken);
        return await AttachmentOutcomeAsync(id, result, l["Le fichier est retiré de la candidature."], cancellationToken);
    }

    /// <summary>What the association sees after adding or removing a file: the refusal on its application's page, or the success.</summary>
    private async Task<IActionResult> AttachmentOutcomeAsync(int id, AttachmentResult result, string success, CancellationToken cancellationToken)
    {
        if (result.NotFound)
        {
            return await NotFoundAuditedAsync(id, cancellationToken);
        }

        if (result.Error is not null)
        {
            var page = (await PageAsync(id, null, cancellationToken))!;
            page.UploadError = result.Error;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(MonEspaceAppelsController.FormView, page);
        }

        TempData["Success"] = success;
        return RedirectToAction(nameof(Details), new { id });
    }

    private async Task<ApplicationPage?> PageAsync(int id, ApplicationForm? posted, CancellationToken cancellationToken)
    {
        var own = await service.OwnAsync(AssociationId, id, cancellationToken);
        if (own is not { } application)
        {
            return null;
        }

        var form = posted ?? application.Form;
        if (Application.EditableStatuses.Contains(application.Status))
        {
            MonEspaceAppelsController.PadLines(form);
        }

        return new ApplicationPage
        {
            Id = id,
            Call = (await service.CallAsync(application.CallId, cancellationToken))!,
            Form = form,
            Sheet = application.Sheet,
            Number = application.Number,
            Status = application.Status,
            GrantedAmountCentimes = application.Granted,
            DecisionReason = application.Reason,
            SubmittedAtUtc = application.SubmittedAtUtc,
            Messages = application.Messages,
            Domains = await service.CallDomainsAsync(application.CallId, cancellationToken),
            Regions = lookups.Regions(),
            MaxMegabytes = attachments.MaxMegabytes,
        };
    }

    private async Task<IActionResult> NotFoundAuditedAsync(int id, CancellationToken cancellationToken)
    {
        if (await service.BelongsToAnotherAssociationAsync(AssociationId, id, cancellationToken))
        {
            // Answered exactly like a missing application, but the attempt is recorded.
            await audit.WriteAsync(AuditActions.AccessDenied, nameof(Application), id.ToString(CultureInfo.InvariantCulture),
                details: $"404 {Request.Method} {Request.Path} (autre association)", cancellationToken: cancellationToken);
        }

        return NotFound();
    }

    private int AssociationId => int.Parse(User.FindFirst(PortalClaims.AssociationId)!.Value, CultureInfo.InvariantCulture);
}
