using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Files;
using PartnershipPortal.Web.Infrastructure.Auditing;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Reports;

/// <summary>The association's money and obligations: its schedules, what it received, its reports to write and submit.</summary>
[Authorize(Policy = Policies.AssociationMember)]
[Route("MonEspace/Rapports")]
public sealed class MonEspaceRapportsController(
    ReportService service, StatementPdf statement, UploadReader uploads, AuditWriter audit, IStringLocalizer<SharedResource> l) : Controller
{
    private const string ListView = "~/Features/Reports/OwnIndex.cshtml";
    private const string FormView = "~/Features/Reports/OwnReport.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(ListView, await service.OwnListAsync(AssociationId, cancellationToken));

    /// <summary>The statement (relevé) of the association's conventions, payments and approved reports, as a PDF in its language.</summary>
    [HttpGet("/MonEspace/Releve")]
    public async Task<IActionResult> Statement(CancellationToken cancellationToken)
    {
        var pdf = await statement.ExportAsync(AssociationId, cancellationToken);
        return pdf is null ? NotFound() : File(pdf, "application/pdf", "releve.pdf");
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var page = await service.OwnAsync(AssociationId, id, cancellationToken);
        return page is null ? await NotFoundAuditedAsync(id, cancellationToken) : View(FormView, page);
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Details(int id, [Bind(Prefix = "Form")] ReportForm form, string? intent, CancellationToken cancellationToken)
    {
        if (await service.OwnAsync(AssociationId, id, cancellationToken) is null)
        {
            return await NotFoundAuditedAsync(id, cancellationToken);
        }

        if (ModelState.IsValid)
        {
            var submit = intent == "submit";
            var outcome = await service.SaveAsync(AssociationId, id, form, submit, cancellationToken);
            if (outcome.NotFound)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                TempData["Success"] = submit ? l["Votre rapport est remis au ministère."].Value : l["Le brouillon du rapport est enregistré."].Value;
                return RedirectToAction(nameof(Details), new { id });
            }

            foreach (var (field, message) in outcome.Errors)
            {
                ModelState.AddModelError(field.Length == 0 ? "" : "Form." + field, message);
            }
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        var page = (await service.OwnAsync(AssociationId, id, cancellationToken))!;
        // What was typed goes back into the form; a report no longer editable shows what it holds, beside the refusal.
        if (page.Editable)
        {
            page.Form = form;
        }

        return View(FormView, page);
    }

    /// <summary>An attachment, read as a stream like the dossier's documents (no bound parameter: see MonEspaceDossierController.Upload).</summary>
    [HttpPost("{id:int}/PieceJointe")]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> Attach()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (!int.TryParse(RouteData.Values["id"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return NotFound();
        }

        if (await service.OwnAsync(AssociationId, id, cancellationToken) is null)
        {
            return await NotFoundAuditedAsync(id, cancellationToken);
        }

        using var upload = await uploads.ReadAsync(HttpContext, cancellationToken);
        if (upload is null)
        {
            return BadRequest();
        }

        if (await service.AttachAsync(AssociationId, id, upload, cancellationToken) is { } error)
        {
            var page = (await service.OwnAsync(AssociationId, id, cancellationToken))!;
            page.UploadError = error;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(FormView, page);
        }

        TempData["Success"] = l["La pièce jointe a été déposée."].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    private async Task<IActionResult> NotFoundAuditedAsync(int id, CancellationToken cancellationToken)
    {
        if (await service.BelongsToAnotherAssociationAsync(AssociationId, id, cancellationToken))
        {
            // Answered exactly like a missing report, but the attempt is recorded.
            await audit.WriteAsync(AuditActions.AccessDenied, nameof(ConventionReport), id.ToString(CultureInfo.InvariantCulture),
                details: $"404 {Request.Method} {Request.Path} (autre association)", cancellationToken: cancellationToken);
        }

        return NotFound();
    }

    private int AssociationId => int.Parse(User.FindFirst(PortalClaims.AssociationId)!.Value, CultureInfo.InvariantCulture);
}
