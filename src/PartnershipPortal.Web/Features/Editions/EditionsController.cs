using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Editions;

/// <summary>
/// The bilan's editions for staff: every staff member reads the drafts (with live figures) and the published versions;
/// administrators and managers write the introduction and publish.
/// </summary>
[Authorize(Policy = Policies.Staff)]
[Route("Bilan/Editions")]
public sealed class EditionsController(
    EditionService editions, BilanNarrative narrative, BilanTable table, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await editions.ListAsync(cancellationToken));

    [HttpGet("Create")]
    [Authorize(Policy = Policies.Publisher)]
    public IActionResult Create() => View("Edit", new EditionFormPage(null, new EditionForm()));

    [HttpPost("Create")]
    [Authorize(Policy = Policies.Publisher)]
    public async Task<IActionResult> Create(EditionForm form, CancellationToken cancellationToken)
    {
        if (!Valid(form))
        {
            return View("Edit", new EditionFormPage(null, form));
        }

        var id = await editions.CreateAsync(form, cancellationToken);
        TempData["Success"] = l["L'édition a été enregistrée. Vérifiez l'aperçu avant de la publier."].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("{id:int}/Edit")]
    [Authorize(Policy = Policies.Publisher)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var form = await editions.FormAsync(id, cancellationToken);
        return form is null ? NotFound() : View(new EditionFormPage(id, form));
    }

    [HttpPost("{id:int}/Edit")]
    [Authorize(Policy = Policies.Publisher)]
    public async Task<IActionResult> Edit(int id, EditionForm form, CancellationToken cancellationToken)
    {
        if (!Valid(form))
        {
            return View(new EditionFormPage(id, form));
        }

        try
        {
            if (!await editions.UpdateAsync(id, form, cancellationToken))
            {
                return NotFound();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another manager saved the introduction meanwhile: nothing of this form was kept.
            ModelState.AddModelError("", l["L'édition a été modifiée entre-temps par quelqu'un d'autre ; rechargez la page avant de l'enregistrer."].Value);
            return View(new EditionFormPage(id, form));
        }

        TempData["Success"] = l["Les modifications ont été enregistrées."].Value;
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>The preview: the draft's introduction with the live figures of each year, and the published versions.</summary>
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var document = await editions.PreviewAsync(id, cancellationToken);
        if (document is null)
        {
            return NotFound();
        }

        return View(new EditionPageViewModel(document, await editions.VersionsAsync(id, cancellationToken), narrative, table, IsPublic: false));
    }

    [HttpPost("{id:int}/Publish")]
    [Authorize(Policy = Policies.Publisher)]
    public async Task<IActionResult> Publish(int id, CancellationToken cancellationToken)
    {
        var number = await editions.PublishAsync(id, cancellationToken);
        if (number is null)
        {
            return NotFound();
        }

        TempData["Success"] = string.Format(
            System.Globalization.CultureInfo.InvariantCulture, l["La version {0} de l'édition est publiée : ses chiffres ne changeront plus."].Value, number);
        return RedirectToAction(nameof(Version), new { id, number });
    }

    [HttpGet("{id:int}/Versions/{number:int}")]
    public async Task<IActionResult> Version(int id, int number, CancellationToken cancellationToken)
    {
        var document = await editions.VersionAsync(id, number, cancellationToken);
        if (document is null)
        {
            return NotFound();
        }

        return View(new EditionPageViewModel(document, await editions.VersionsAsync(id, cancellationToken), narrative, table, IsPublic: false));
    }

    /// <summary>A published version's workbook, from its frozen figures (the same file as on /Publications).</summary>
    [HttpGet("{id:int}/Versions/{number:int}/Excel")]
    public async Task<IActionResult> Excel(int id, int number, [FromServices] EditionExcelExporter excel, CancellationToken cancellationToken)
    {
        var document = await editions.VersionAsync(id, number, cancellationToken);
        return document is null ? NotFound() : File(excel.Export(document), EditionExcelExporter.ContentType, Publications.PublicationsController.FileName(document, "xlsx"));
    }

    private bool Valid(EditionForm form)
    {
        if (form is { FirstYear: { } first, LastYear: { } last })
        {
            var problem = !Data.Entities.BudgetYears.Contains(first) || !Data.Entities.BudgetYears.Contains(last)
                ? string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    l["Les années d'une édition vont de {0} à {1}."].Value, Data.Entities.BudgetYears.First, Data.Entities.BudgetYears.Last)
                : last < first ? l["La dernière année ne peut précéder la première."].Value
                : last - first + 1 > EditionService.MaxYears ? l["Une édition couvre au plus dix années."].Value
                : null;
            if (problem is not null)
            {
                ModelState.AddModelError($"{nameof(EditionFormPage.Form)}.{nameof(EditionForm.LastYear)}", problem);
            }
        }

        return ModelState.IsValid;
    }
}
