using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Applications;

/// <summary>The open calls in the association's space, and a new application to one of them.</summary>
[Authorize(Policy = Policies.AssociationMember)]
[Route("MonEspace/Appels")]
public sealed class MonEspaceAppelsController(ApplicationService service, RecordLookups lookups, IStringLocalizer<SharedResource> l) : Controller
{
    public const string FormView = "~/Features/Applications/Application.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("~/Features/Applications/Calls.cshtml", await service.CallsPageAsync(AssociationId, cancellationToken));

    /// <summary>The call in the query, not the path: a call is no record of the association, and is open to every association.</summary>
    [HttpGet("Candidater")]
    public async Task<IActionResult> Apply([FromQuery(Name = "appel")] int id, CancellationToken cancellationToken)
    {
        if (!await service.IsOpenAsync(id, cancellationToken))
        {
            return NotFound();
        }

        return await FormAsync(id, new ApplicationForm(), cancellationToken);
    }

    [HttpPost("Candidater")]
    public async Task<IActionResult> Apply([FromQuery(Name = "appel")] int id, [Bind(Prefix = "Form")] ApplicationForm form, string? intent, CancellationToken cancellationToken)
    {
        if (await service.CallAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await service.CreateAsync(AssociationId, id, form, intent == "submit", cancellationToken);
            if (result.Outcome.Succeeded)
            {
                TempData["Success"] = result.Submitted
                    ? l["Votre candidature est déposée. Numéro d'accusé de réception : {0}.", result.Number!].Value
                    : l["Le brouillon de la candidature est enregistré."].Value;
                return RedirectToAction(nameof(MonEspaceCandidaturesController.Details), "MonEspaceCandidatures", new { id = result.Outcome.Id });
            }

            result.Outcome.ApplyTo(ModelState, ViewData, v => form.Version = v);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await FormAsync(id, form, cancellationToken);
    }

    private async Task<IActionResult> FormAsync(int callId, ApplicationForm form, CancellationToken cancellationToken)
    {
        PadLines(form);
        return View(FormView, new ApplicationPage
        {
            Call = (await service.CallAsync(callId, cancellationToken))!,
            Form = form,
            Domains = await service.CallDomainsAsync(callId, cancellationToken),
            Regions = lookups.Regions(),
        });
    }

    internal static void PadLines(ApplicationForm form)
    {
        form.Lines.RemoveAll(x => x.IsEmpty);
        for (var i = 0; i < ApplicationForm.BlankLines; i++)
        {
            form.Lines.Add(new BudgetLineInput());
        }
    }

    private int AssociationId => int.Parse(User.FindFirst(PortalClaims.AssociationId)!.Value, CultureInfo.InvariantCulture);
}
