using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Payments;

/// <summary>Staff: a signed convention's payment schedule, its orders, payments and reversing entries, and its reports.</summary>
[Authorize(Policy = Policies.Staff)]
[Route("Paiements")]
public sealed class PaymentsController(PaymentService service, Echeances.EcheanceService echeances, IStringLocalizer<SharedResource> l) : Controller
{
    private const string PageView = "~/Features/Payments/Schedule.cshtml";

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Schedule(int id, CancellationToken cancellationToken)
    {
        var page = await service.PageAsync(id, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        page.Agents = await echeances.AgentsAsync(cancellationToken);
        return View(PageView, page);
    }

    [HttpPost("{id:int}/Suivi")]
    [Authorize(Policy = Policies.Editor)]
    public Task<IActionResult> FollowUp(int id, string? agentId, CancellationToken cancellationToken) =>
        AnswerAsync(id, service.SetAgentAsync(id, agentId, cancellationToken), l["L'agent de suivi a été enregistré."], null, cancellationToken);

    [HttpPost("{id:int}/Proposer")]
    [Authorize(Policy = Policies.Editor)]
    public Task<IActionResult> Propose(int id, CancellationToken cancellationToken) =>
        AnswerAsync(id, service.ProposeAsync(id, cancellationToken), l["Un échéancier et les rapports attendus ont été proposés."], null, cancellationToken);

    [HttpPost("{id:int}/Echeancier")]
    [Authorize(Policy = Policies.Editor)]
    public Task<IActionResult> SaveSchedule(int id, [Bind(Prefix = "Schedule")] ScheduleForm form, CancellationToken cancellationToken) =>
        AnswerAsync(id, service.SaveScheduleAsync(id, form, cancellationToken), l["L'échéancier a été enregistré."], form, cancellationToken);

    [HttpPost("{id:int}/Ordonnancer")]
    [Authorize(Policy = Policies.Editor)]
    public Task<IActionResult> Order(int id, OrderForm form, CancellationToken cancellationToken) =>
        AnswerAsync(id, service.OrderAsync(id, form, cancellationToken), l["L'ordre de paiement a été enregistré."], null, cancellationToken);

    [HttpPost("{id:int}/Payer")]
    [Authorize(Policy = Policies.Editor)]
    public Task<IActionResult> Pay(int id, PayForm form, CancellationToken cancellationToken) =>
        AnswerAsync(id, service.PayAsync(id, form, cancellationToken), l["Le paiement a été enregistré."], null, cancellationToken);

    [HttpPost("{id:int}/Contrepasser")]
    [Authorize(Policy = Policies.Editor)]
    public Task<IActionResult> Reverse(int id, ReverseForm form, CancellationToken cancellationToken) =>
        AnswerAsync(id, service.ReverseAsync(id, form, cancellationToken), l["L'écriture de contrepassation a été enregistrée."], null, cancellationToken);

    /// <summary>Done: the message (with any warning) and the page again; refused: 409, the reasons, and nothing changed.</summary>
    private async Task<IActionResult> AnswerAsync(int id, Task<MoneyOutcome> action, string success, ScheduleForm? posted, CancellationToken cancellationToken)
    {
        var outcome = await action;
        if (outcome.NotFound)
        {
            return NotFound();
        }

        if (outcome.Succeeded)
        {
            TempData["Success"] = string.Join(" ", [success, .. outcome.Warnings]);
            return RedirectToAction(nameof(Schedule), new { id });
        }

        var page = await service.PageAsync(id, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        page.Refusals = outcome.Refusals;
        page.Agents = await echeances.AgentsAsync(cancellationToken);
        if (posted is not null)
        {
            page.Schedule = posted;
        }

        Response.StatusCode = StatusCodes.Status409Conflict;
        return View(PageView, page);
    }
}
