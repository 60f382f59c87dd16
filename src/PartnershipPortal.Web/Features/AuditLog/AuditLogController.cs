using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.AuditLog;

/// <summary>Administrators read the log; no route creates, edits or deletes a line.</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("AuditLog")]
public sealed class AuditLogController(AuditLogService service) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AuditLogFilter filter, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid
            || filter.User is { Length: > 256 } || filter.Entity is { Length: > 128 }
            || (filter.Action is { Length: > 0 } action && !AuditActions.All.Contains(action)))
        {
            return BadRequest();
        }

        return View(await service.SearchAsync(filter, cancellationToken));
    }
}
