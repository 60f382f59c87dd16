using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Lookups;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Conventions;

[Authorize(Policy = Policies.Staff)]
public sealed class ConventionsController(
    ConventionService service, RecordLookups lookups, LookupService lookupService, ListExports exports, TimeProvider time, IStringLocalizer<SharedResource> l) : Controller
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
            AssociationText = await lookupService.AssociationTextAsync(query.AssociationId, cancellationToken),
            Calls = await lookups.CallsAsync(cancellationToken),
            Domains = await lookups.DomainsAsync(cancellationToken),
            Regions = lookups.Regions(),
        });

    /// <summary>The list as it is filtered and sorted, every page, as CSV or Excel (format = csv | xlsx).</summary>
    [HttpGet]
    public IActionResult Export([FromQuery] ConventionListQuery query, string? format) =>
        exports.File(this, format, l["Conventions"], service.ExportColumns(l), ct => service.ExportRowsAsync(query, ct));

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var details = await service.DetailsAsync(id, cancellationToken);
        return details is null ? NotFound() : View(details);
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
        Statuses = lookups.Statuses<ConventionStatus>(RecordText.Of),
        ProjectStatuses = lookups.Statuses<ProjectStatus>(RecordText.Of),
    };
}
