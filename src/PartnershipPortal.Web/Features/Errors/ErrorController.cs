using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace PartnershipPortal.Web.Features.Errors;

/// <summary>The generic French error pages; never a stack trace outside Development.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[Route("Error")]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route("{code:int}")]
    public IActionResult Status(int code)
    {
        var status = code is >= 400 and <= 599 ? code : 500;
        Response.StatusCode = status;
        return View("Error", status);
    }
}
