using Microsoft.AspNetCore.Mvc;

namespace PartnershipPortal.Web.Features.Dossier;

/// <summary>The dossier on the association's page for staff: state, current documents and their previous versions.</summary>
public sealed class DossierSummaryViewComponent(DossierService service) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int associationId)
    {
        var page = await service.PageAsync(associationId, withHistory: true, HttpContext.RequestAborted);
        return page is null ? Content("") : View("~/Features/Dossier/_DossierSummary.cshtml", page);
    }
}
