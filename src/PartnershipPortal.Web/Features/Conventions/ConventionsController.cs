using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Associations;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Conventions;

[Authorize(Policy = Policies.Staff)]
public sealed class ConventionsController(
    ConventionService service, AssociationService associations, RecordLookups lookups, TimeProvider time, IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>The submit button that adds an empty project line when the page runs without its script.</summary>
    public const string AddLineCommand = "add-line";

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] ConventionListQuery query, CancellationToken cancellationToken) =>
        View(new ConventionListModel
        {
            Query = query,
            Results = await service.ListAsync(query, cancellationToken),
            Years = await lookups.YearsAsync(cancellationToken),
            Statuses = lookups.Statuses<ConventionStatus>(RecordText.Of),
            Associations = await lookups.AssociationsAsync(cancellationToken),
            Calls = await lookups.CallsAsync(cancellationToken),
            Domains = await lookups.DomainsAsync(cancellationToken),
            Regions = lookups.Regions(),
            Cities = await associations.CitiesAsync(cancellationToken),
        });

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var details = await service.DetailsAsync(id, cancellationToken);
        if (details is null)
        {
            return NotFound();
        }

        if (User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.Agent))
        {
            details.Transitions = ConventionLifecycle.Allowed(details.Status, IsAdministrator);
        }

        return View(details);
    }

    [HttpGet]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Create(int? associationId, int? callId, int? year, CancellationToken cancellationToken)
    {
        var form = new ConventionForm
        {
            BudgetYear = year ?? time.GetLocalNow().Year,
            AssociationId = associationId,
            CallForProjectsId = callId,
            Lines = [NewLine()],
        };
        return View("Edit", await PageAsync(null, null, form, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Create(ConventionForm form, string? command, CancellationToken cancellationToken)
    {
        if (command == AddLineCommand)
        {
            return await WithNewLineAsync(null, null, form, cancellationToken);
        }

        CheckLines(form);
        return await this.SaveOutcomeAsync(
            () => service.CreateAsync(form, cancellationToken),
            v => form.Version = v,
            l["La convention a été enregistrée."].Value,
            saved => RedirectToAction(nameof(Details), new { id = saved }),
            async () => View("Edit", await PageAsync(null, null, form, cancellationToken)));
    }

    [HttpGet]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        if (await service.FormAsync(id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        if (await TermsFixedAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        return View(await PageAsync(id, found.Reference, found.Form, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Edit(int id, ConventionForm form, string? command, CancellationToken cancellationToken)
    {
        if (await service.FormAsync(id, cancellationToken) is not { } stored)
        {
            return NotFound();
        }

        // A signed convention's terms change only through an amendment: refused before anything posted is looked at.
        if (await TermsFixedAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (command == AddLineCommand)
        {
            return await WithNewLineAsync(id, stored.Reference, form, cancellationToken);
        }

        // The budget year is part of the reference: the edit page shows it read-only and does not post it.
        ModelState.Remove("Form.BudgetYear");
        form.BudgetYear = stored.Form.BudgetYear;
        CheckLines(form);
        return await this.SaveOutcomeAsync(
            () => service.UpdateAsync(id, form, cancellationToken),
            v => form.Version = v,
            l["Les modifications ont été enregistrées."].Value,
            _ => RedirectToAction(nameof(Details), new { id }),
            async () => View(await PageAsync(id, stored.Reference, form, cancellationToken)));
    }

    [HttpGet]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var confirmation = await service.DeleteConfirmationAsync(id, Url.Action(nameof(Details), new { id })!, cancellationToken);
        return confirmation is null ? NotFound() : View("ConfirmDelete", confirmation);
    }

    [HttpPost]
    [ActionName(nameof(Delete))]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken cancellationToken)
    {
        var confirmation = await service.DeleteAsync(id, Url.Action(nameof(Details), new { id })!, cancellationToken);
        return this.DeleteOutcome(confirmation, l["La convention a été supprimée."].Value, () => RedirectToAction(nameof(Index)));
    }

    [HttpGet]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Notes(int id, CancellationToken cancellationToken)
    {
        var page = await service.NotesPageAsync(id, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Notes(int id, NotesForm form, CancellationToken cancellationToken)
    {
        if (await service.NotesPageAsync(id, cancellationToken) is not { } stored)
        {
            return NotFound();
        }

        return await this.SaveOutcomeAsync(
            () => service.UpdateNotesAsync(id, form, cancellationToken),
            v => form.Version = v,
            l["Les modifications ont été enregistrées."].Value,
            _ => RedirectToAction(nameof(Details), new { id }),
            () => View(stored with { Form = form }));
    }

    /// <summary>The confirmation page of a status change (the buttons of the convention page lead here).</summary>
    [HttpGet]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Transition(int id, ConventionTransition transition, CancellationToken cancellationToken)
    {
        var page = await service.TransitionPageAsync(id, transition, IsAdministrator, null, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        if (transition == ConventionTransition.Sign && page.Form.Date is null)
        {
            page.Form.Date = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        }

        return View(page);
    }

    [HttpPost]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Transition(int id, ConventionTransition transition, TransitionForm form, CancellationToken cancellationToken)
    {
        var outcome = ModelState.IsValid
            ? await service.TransitionAsync(id, transition, form, IsAdministrator, cancellationToken)
            : null;
        if (outcome is { NotFound: true })
        {
            return NotFound();
        }

        if (outcome is { Succeeded: true })
        {
            var status = await service.StatusAsync(id, cancellationToken) ?? ConventionStatus.Draft;
            TempData["Success"] = l["La convention {0} est maintenant « {1} ».", await ReferenceAsync(id, cancellationToken), l[RecordText.Of(status)]].Value;
            return RedirectToAction(nameof(Details), new { id });
        }

        var page = await service.TransitionPageAsync(id, transition, IsAdministrator, form, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        if (outcome is { Refusals.Count: > 0 })
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(new TransitionPage
            {
                Id = page.Id, Reference = page.Reference, Association = page.Association, From = page.From, Transition = page.Transition,
                To = page.To, TotalCentimes = page.TotalCentimes, Projects = page.Projects, Form = page.Form, Blockers = outcome.Refusals,
            });
        }

        outcome?.Save?.ApplyTo(ModelState, ViewData, v => form.Version = v);
        return View(page);
    }

    [HttpGet]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Amend(int id, CancellationToken cancellationToken)
    {
        if (await service.FormAsync(id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        if (await AmendRefusedAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        return View(await AmendPageAsync(id, found.Reference, found.Form, new AmendmentFields { Date = DateOnly.FromDateTime(time.GetLocalNow().DateTime) }, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Amend(int id, ConventionForm form, AmendmentFields amendment, string? command, CancellationToken cancellationToken)
    {
        if (await service.FormAsync(id, cancellationToken) is not { } stored)
        {
            return NotFound();
        }

        if (await AmendRefusedAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        // An amendment changes the projects only; the heading of the convention is not posted.
        form.AssociationId = stored.Form.AssociationId;
        form.BudgetYear = stored.Form.BudgetYear;
        ModelState.Remove("Form.AssociationId");
        ModelState.Remove("Form.BudgetYear");
        if (command == AddLineCommand)
        {
            ModelState.Clear();
            form.Lines.Add(NewLine());
            return View(await AmendPageAsync(id, stored.Reference, form, amendment, cancellationToken));
        }

        CheckLines(form);
        if (ModelState.IsValid)
        {
            var outcome = await service.AmendAsync(id, form, amendment, cancellationToken);
            if (outcome.NotFound)
            {
                return NotFound();
            }

            if (outcome.Refusals.Count > 0)
            {
                return Refused(stored.Reference, id, outcome.Refusals);
            }

            if (outcome.Succeeded)
            {
                TempData["Success"] = l["L'avenant a été enregistré."].Value;
                return RedirectToAction(nameof(Details), new { id });
            }

            outcome.Save!.ApplyTo(ModelState, ViewData, v => form.Version = v);
            foreach (var error in outcome.Save.Errors.Where(e => e.Field.StartsWith("Amendment.", StringComparison.Ordinal)))
            {
                ModelState.Remove("Form." + error.Field);
                ModelState.AddModelError(error.Field, error.Message);
            }
        }

        return View(await AmendPageAsync(id, stored.Reference, form, amendment, cancellationToken));
    }

    private bool IsAdministrator => User.IsInRole(Roles.Administrator);

    private async Task<string> ReferenceAsync(int id, CancellationToken cancellationToken) =>
        (await service.FormAsync(id, cancellationToken))?.Reference ?? "";

    private async Task<IActionResult?> TermsFixedAsync(int id, CancellationToken cancellationToken)
    {
        var status = await service.StatusAsync(id, cancellationToken);
        return status is { } s && !ConventionLifecycle.CanEditTerms(s)
            ? Refused((await ReferenceAsync(id, cancellationToken)), id, [service.RefusalOfTerms(s)])
            : null;
    }

    private async Task<IActionResult?> AmendRefusedAsync(int id, CancellationToken cancellationToken)
    {
        var status = await service.StatusAsync(id, cancellationToken);
        return status is { } s && !ConventionLifecycle.CanAmend(s)
            ? Refused(await ReferenceAsync(id, cancellationToken), id, [service.AmendRefusal(s)])
            : null;
    }

    /// <summary>An action the convention's status forbids: 409 and the reason, nothing changed.</summary>
    private ViewResult Refused(string reference, int id, IReadOnlyList<string> messages)
    {
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("Refused", new RefusedPage(reference, id, messages));
    }

    private async Task<AmendmentPage> AmendPageAsync(int id, string reference, ConventionForm form, AmendmentFields amendment, CancellationToken cancellationToken) => new()
    {
        NextReference = await service.NextAmendmentReferenceAsync(id, cancellationToken) ?? reference,
        Amendment = amendment,
        Page = await PageAsync(id, reference, form, cancellationToken),
    };

    /// <summary>Lines ticked "retirer" are not saved, so what was typed in them must not block the save; the rest is checked as a whole.</summary>
    private void CheckLines(ConventionForm form)
    {
        foreach (var (member, message) in form.Check(l))
        {
            ModelState.AddModelError("Form." + member, message);
        }

        foreach (var line in form.Lines.Where(x => x.Remove))
        {
            var prefix = $"Form.Lines[{line.Key}].";
            foreach (var key in ModelState.Keys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                ModelState.Remove(key);
            }
        }
    }

    private async Task<IActionResult> WithNewLineAsync(int? id, string? reference, ConventionForm form, CancellationToken cancellationToken)
    {
        // Nothing is saved: the page comes back with what was typed and one more empty line, without error messages yet.
        ModelState.Clear();
        form.Lines.Add(NewLine());
        return View("Edit", await PageAsync(id, reference, form, cancellationToken));
    }

    private static ProjectLineForm NewLine() =>
        new() { Key = "n" + Guid.NewGuid().ToString("N")[..12].ToLower(CultureInfo.InvariantCulture) };

    private async Task<ConventionFormPage> PageAsync(int? id, string? reference, ConventionForm form, CancellationToken cancellationToken) => new()
    {
        Id = id,
        Reference = reference,
        Form = form,
        Associations = await lookups.AssociationsAsync(cancellationToken, includeArchived: id is not null),
        Calls = await lookups.CallsAsync(cancellationToken),
        Domains = await lookups.DomainsAsync(cancellationToken, activeOnly: true, keep: [.. form.Lines.Where(x => x.DomainId is not null).Select(x => x.DomainId!.Value)]),
        ProjectStatuses = lookups.Statuses<ProjectStatus>(RecordText.Of),
    };
}
