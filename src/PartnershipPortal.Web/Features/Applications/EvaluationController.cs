using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Applications;

/// <summary>The reviewer's calls: only those an administrator assigned them to.</summary>
[Authorize(Policy = Policies.Reviewer)]
[Route("Evaluation")]
public sealed class EvaluationController(ReviewService service, UserManager<ApplicationUser> users) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("~/Features/Applications/ReviewerIndex.cshtml", await service.CallsAsync(users.GetUserId(User)!, cancellationToken));

    [HttpGet("Appels/{id:int}")]
    public async Task<IActionResult> Call(int id, CancellationToken cancellationToken)
    {
        var page = await service.CallAsync(users.GetUserId(User)!, id, cancellationToken);
        return page is null ? NotFound() : View("~/Features/Applications/ReviewerCall.cshtml", page);
    }
}

/// <summary>One application under review: the conflict-of-interest declaration, then the scores.</summary>
[Authorize(Policy = Policies.Reviewer)]
[Route("Evaluation/Candidatures")]
public sealed class EvaluationCandidaturesController(ReviewService service, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> l) : Controller
{
    private const string PageView = "~/Features/Applications/ReviewerApplication.cshtml";

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var page = await service.ApplicationAsync(users.GetUserId(User)!, id, cancellationToken);
        return page is null ? NotFound() : View(PageView, page);
    }

    [HttpPost("{id:int}/Declaration")]
    public async Task<IActionResult> Declare(int id, ReviewConflict conflict, CancellationToken cancellationToken)
    {
        var outcome = await service.DeclareAsync(users.GetUserId(User)!, id, conflict, cancellationToken);
        return await AnswerAsync(id, outcome, conflict == ReviewConflict.Withdrawn
            ? l["Vous vous êtes retiré de l'évaluation de cette candidature."].Value
            : l["Votre déclaration d'absence de conflit d'intérêts est enregistrée : vous pouvez noter la candidature."].Value, null, cancellationToken);
    }

    [HttpPost("{id:int}/Notes")]
    public async Task<IActionResult> Score(int id, [Bind(Prefix = "Form")] ScoresForm form, CancellationToken cancellationToken)
    {
        var outcome = ModelState.IsValid ? await service.ScoreAsync(users.GetUserId(User)!, id, form, cancellationToken) : null;
        return await AnswerAsync(id, outcome, l["Votre évaluation est enregistrée."].Value, form, cancellationToken);
    }

    private async Task<IActionResult> AnswerAsync(int id, Shared.SaveOutcome? outcome, string success, ScoresForm? form, CancellationToken cancellationToken)
    {
        if (outcome is { NotFound: true })
        {
            return NotFound();
        }

        if (outcome is { Succeeded: true })
        {
            TempData["Success"] = success;
            return RedirectToAction(nameof(Details), new { id });
        }

        outcome?.ApplyTo(ModelState, ViewData, _ => { }, "Form");
        var page = await service.ApplicationAsync(users.GetUserId(User)!, id, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        if (form is not null)
        {
            page.Form = form;
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(PageView, page);
    }
}
