using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Applications;

/// <summary>Staff's applications: the completeness check (editors) and the decision (administrators and managers).</summary>
[Authorize(Policy = Policies.Staff)]
[Route("Candidatures")]
public sealed class CandidaturesController(SelectionService service, IStringLocalizer<SharedResource> l) : Controller
{
    private const string DetailsView = "~/Features/Applications/StaffDetails.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ApplicationListQuery query, CancellationToken cancellationToken) =>
        View("~/Features/Applications/StaffIndex.cshtml", await service.ListAsync(query, cancellationToken));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var page = await service.PageAsync(id, cancellationToken);
        return page is null ? NotFound() : View(DetailsView, page);
    }

    [HttpPost("{id:int}/Completude")]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Completeness(int id, [Bind(Prefix = "Completeness")] CompletenessForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await service.CompletenessAsync(id, form, cancellationToken);
            if (outcome.NotFound)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                TempData["Success"] = form.Verdict == CompletenessVerdict.Admissible
                    ? l["La candidature est recevable : elle passe à l'évaluation."].Value
                    : l["La candidature est incomplète : l'association en est avertie."].Value;
                return RedirectToAction(nameof(Details), new { id });
            }

            outcome.ApplyTo(ModelState, ViewData, v => form.Version = v, "Completeness");
        }

        return await AgainAsync(id, p => p.Completeness = form, cancellationToken);
    }

    [HttpPost("{id:int}/Decision")]
    [Authorize(Policy = Policies.Decider)]
    public async Task<IActionResult> Decide(int id, [Bind(Prefix = "Decision")] DecisionForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await service.DecideAsync(id, form, cancellationToken);
            if (outcome.NotFound)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                TempData["Success"] = l["La décision est enregistrée et envoyée à l'association."].Value;
                return RedirectToAction(nameof(Details), new { id });
            }

            outcome.ApplyTo(ModelState, ViewData, v => form.Version = v, "Decision");
        }

        return await AgainAsync(id, p => p.Decision = form, cancellationToken);
    }

    private async Task<IActionResult> AgainAsync(int id, Action<StaffApplicationPage> keep, CancellationToken cancellationToken)
    {
        var page = await service.PageAsync(id, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        keep(page);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(DetailsView, page);
    }
}
