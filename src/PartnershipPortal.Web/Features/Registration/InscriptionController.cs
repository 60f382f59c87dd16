using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Features.Files;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Registration;

/// <summary>The public registration request of an association, with its récépissé.</summary>
[AllowAnonymous]
[Route("Inscription")]
public sealed class InscriptionController(RegistrationService service, UploadReader uploads, RecordLookups lookups, IStringLocalizer<SharedResource> l) : Controller
{
    private const string FormView = "~/Features/Registration/Form.cshtml";

    [HttpGet("")]
    public IActionResult Index() => View(FormView, new RegistrationFormPage { Regions = lookups.Regions() });

    /// <summary>Read as a stream, like every upload: no bound parameter (see MonEspaceDossierController.Upload).</summary>
    [HttpPost("")]
    [IgnoreAntiforgeryToken]
    [EnableRateLimiting(SecurityServiceCollectionExtensions.PasswordResetRateLimit)]
    public async Task<IActionResult> Submit()
    {
        var cancellationToken = HttpContext.RequestAborted;
        using var upload = await uploads.ReadAsync(HttpContext, cancellationToken);
        if (upload is null)
        {
            return BadRequest();
        }

        var error = await service.SubmitAsync(upload, cancellationToken);
        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(FormView, new RegistrationFormPage { Regions = lookups.Regions(), Error = error, Fields = RegistrationFields.From(upload) });
        }

        TempData["Success"] = l["Votre demande d'inscription est enregistrée. Un administrateur la vérifie et vous répond par courrier électronique."].Value;
        return RedirectToAction(nameof(Index));
    }
}

public sealed class RegistrationFormPage
{
    public required List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Regions { get; init; }

    public string? Error { get; init; }

    public RegistrationFields? Fields { get; init; }
}

/// <summary>The administrator's review of registration requests.</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("Inscriptions")]
public sealed class InscriptionsController(RegistrationService service, IStringLocalizer<SharedResource> l) : Controller
{
    private const string DetailsView = "~/Features/Registration/Details.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("~/Features/Registration/Index.cshtml", await service.ListAsync(cancellationToken));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var page = await service.PageAsync(id, cancellationToken);
        return page is null ? NotFound() : View(DetailsView, page);
    }

    [HttpPost("{id:int}/Approuver")]
    public async Task<IActionResult> Approve(int id, CancellationToken cancellationToken) =>
        await AnswerAsync(id, await service.ApproveAsync(id, cancellationToken), l["La demande est acceptée : l'association et son compte sont prêts, les messages sont envoyés."].Value, null, cancellationToken);

    [HttpPost("{id:int}/Refuser")]
    public async Task<IActionResult> Reject(int id, string? reason, CancellationToken cancellationToken) =>
        await AnswerAsync(id, await service.RejectAsync(id, reason, cancellationToken), l["La demande est refusée : le demandeur en est averti."].Value, reason, cancellationToken);

    private async Task<IActionResult> AnswerAsync(int id, SaveOutcome outcome, string success, string? reason, CancellationToken cancellationToken)
    {
        if (outcome.NotFound)
        {
            return NotFound();
        }

        if (outcome.Succeeded)
        {
            TempData["Success"] = success;
            return RedirectToAction(nameof(Details), new { id });
        }

        outcome.ApplyTo(ModelState, ViewData, _ => { }, "");
        var page = (await service.PageAsync(id, cancellationToken))!;
        page.Reason = reason;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(DetailsView, page);
    }
}
