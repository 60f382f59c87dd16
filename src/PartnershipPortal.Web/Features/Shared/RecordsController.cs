using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Shared;

/// <summary>A form that carries the record's version token back, so that a save can tell it was overtaken.</summary>
public interface IVersionedForm
{
    Guid Version { get; set; }
}

/// <summary>What a record's service offers the screens of <see cref="RecordsController{TDetails, TForm}"/>.</summary>
public interface IRecordService<TDetails, TForm>
    where TDetails : class
    where TForm : class
{
    Task<TDetails?> DetailsAsync(int id, CancellationToken cancellationToken);

    Task<TForm?> FormAsync(int id, CancellationToken cancellationToken);

    Task<SaveOutcome> CreateAsync(TForm form, CancellationToken cancellationToken);

    Task<SaveOutcome> UpdateAsync(int id, TForm form, CancellationToken cancellationToken);

    Task<DeleteConfirmation?> DeleteConfirmationAsync(int id, string cancelUrl, CancellationToken cancellationToken);
}

/// <summary>
/// The details, create, edit and delete-confirmation screens of a record that staff read and editors change
/// (programme activities, calls for projects): one flow, so that a fix to it reaches each of them. The list, the form
/// page's choices and the delete itself differ, and stay with each controller.
/// </summary>
public abstract class RecordsController<TDetails, TForm>(IRecordService<TDetails, TForm> records, IStringLocalizer<SharedResource> localizer)
    : Controller
    where TDetails : class
    where TForm : class, IVersionedForm
{
    protected IStringLocalizer<SharedResource> L { get; } = localizer;

    /// <summary>The message after a record is created.</summary>
    protected abstract string CreatedMessage { get; }

    /// <summary>The form of a new record.</summary>
    protected abstract TForm NewForm();

    /// <summary>The Edit view's model: the form and the choices it offers.</summary>
    protected abstract Task<object> FormPageAsync(int? id, TForm form, CancellationToken cancellationToken);

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var details = await records.DetailsAsync(id, cancellationToken);
        return details is null ? NotFound() : View(details);
    }

    [HttpGet]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View("Edit", await FormPageAsync(null, NewForm(), cancellationToken));

    [HttpPost]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Create(TForm form, CancellationToken cancellationToken) =>
        await this.SaveOutcomeAsync(
            () => records.CreateAsync(form, cancellationToken),
            v => form.Version = v,
            CreatedMessage,
            saved => RedirectToAction(nameof(Details), new { id = saved }),
            async () => View("Edit", await FormPageAsync(null, form, cancellationToken)));

    [HttpGet]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var form = await records.FormAsync(id, cancellationToken);
        return form is null ? NotFound() : View(await FormPageAsync(id, form, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Edit(int id, TForm form, CancellationToken cancellationToken) =>
        await this.SaveOutcomeAsync(
            () => records.UpdateAsync(id, form, cancellationToken),
            v => form.Version = v,
            L["Les modifications ont été enregistrées."].Value,
            _ => RedirectToAction(nameof(Details), new { id }),
            async () => View(await FormPageAsync(id, form, cancellationToken)));

    [HttpGet]
    [Authorize(Policy = Policies.Editor)]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var confirmation = await records.DeleteConfirmationAsync(id, Url.Action(nameof(Details), new { id })!, cancellationToken);
        return confirmation is null ? NotFound() : View("ConfirmDelete", confirmation);
    }
}
