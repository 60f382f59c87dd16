using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Reports;

/// <summary>Staff: a convention's report, its exchange with the association, and the review (approve, or return with a comment).</summary>
[Authorize(Policy = Policies.Staff)]
[Route("Rapports")]
public sealed class RapportsController(ReportService service, IStringLocalizer<SharedResource> l) : Controller
{
    private const string PageView = "~/Features/Reports/StaffReport.cshtml";

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var page = await service.StaffAsync(id, cancellationToken);
        return page is null ? NotFound() : View(PageView, page);
    }

    [HttpPost("{id:int}/Approuver")]
    [Authorize(Policy = Policies.Editor)]
    public Task<IActionResult> Approve(int id, ReviewForm form, CancellationToken cancellationToken) =>
        AnswerAsync(id, service.ApproveAsync(id, form, cancellationToken), l["Le rapport est approuvé ; l'association en est informée."], form, cancellationToken);

    [HttpPost("{id:int}/Renvoyer")]
    [Authorize(Policy = Policies.Editor)]
    public Task<IActionResult> Return(int id, ReviewForm form, CancellationToken cancellationToken) =>
        AnswerAsync(id, service.ReturnAsync(id, form, cancellationToken), l["Le rapport est renvoyé à l'association avec votre commentaire."], form, cancellationToken);

    private async Task<IActionResult> AnswerAsync(int id, Task<ReportOutcome> review, string success, ReviewForm form, CancellationToken cancellationToken)
    {
        var outcome = await review;
        if (outcome.NotFound)
        {
            return NotFound();
        }

        if (outcome.Succeeded)
        {
            TempData["Success"] = success;
            return RedirectToAction(nameof(Details), new { id });
        }

        var page = (await service.StaffAsync(id, cancellationToken))!;
        page.Refusals = [.. outcome.Errors.Select(e => e.Message)];
        ViewData["Comment"] = form.Comment;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View(PageView, page);
    }
}
