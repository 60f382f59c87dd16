using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Applications;

/// <summary>A call's selection: its ranking (staff), its scoring grid and reviewers (administrators).</summary>
[Authorize(Policy = Policies.Staff)]
[Route("Selection")]
public sealed class SelectionController(SelectionService service, IStringLocalizer<SharedResource> l) : Controller
{
    private const string SetupView = "~/Features/Applications/Setup.cshtml";

    [HttpGet("Classement/{id:int}")]
    public async Task<IActionResult> Ranking(int id, CancellationToken cancellationToken)
    {
        var page = await service.RankingAsync(id, cancellationToken);
        return page is null ? NotFound() : View("~/Features/Applications/Ranking.cshtml", page);
    }

    [HttpGet("Preparation/{id:int}")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Setup(int id, CancellationToken cancellationToken)
    {
        var page = await service.SetupAsync(id, null, cancellationToken);
        return page is null ? NotFound() : View(SetupView, page);
    }

    [HttpPost("Grille/{id:int}")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Grid(int id, [Bind(Prefix = "Grid")] GridForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await service.SaveGridAsync(id, form, cancellationToken);
            if (outcome.NotFound)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                TempData["Success"] = l["La grille d'évaluation est enregistrée."].Value;
                return RedirectToAction(nameof(Setup), new { id });
            }

            outcome.ApplyTo(ModelState, ViewData, _ => { }, "Grid");
        }

        var page = await service.SetupAsync(id, form, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(SetupView, page);
    }

    [HttpPost("Evaluateurs/{id:int}")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Reviewers(int id, List<string> reviewerIds, CancellationToken cancellationToken)
    {
        var outcome = await service.SaveReviewersAsync(id, reviewerIds, cancellationToken);
        if (outcome.NotFound)
        {
            return NotFound();
        }

        if (outcome.Succeeded)
        {
            TempData["Success"] = l["Les évaluateurs de l'appel sont enregistrés."].Value;
            return RedirectToAction(nameof(Setup), new { id });
        }

        outcome.ApplyTo(ModelState, ViewData, _ => { }, "");
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(SetupView, (await service.SetupAsync(id, null, cancellationToken))!);
    }
}
