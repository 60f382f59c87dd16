using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.AuditLog;

/// <summary>Administrators read the log; no route creates, edits or deletes a line.</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("AuditLog")]
public sealed class AuditLogController(AuditLogService service, ListExports exports, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AuditLogFilter filter, CancellationToken cancellationToken) =>
        IsValid(filter) ? View(await service.SearchAsync(filter, cancellationToken)) : BadRequest();

    /// <summary>Every line the filter selects, as CSV or Excel (format = csv | xlsx).</summary>
    [HttpGet("Export")]
    public IActionResult Export([FromQuery] AuditLogFilter filter, string? format) =>
        IsValid(filter)
            ? exports.File(this, format, l["Journal d'audit"], AuditLogService.ExportColumns(l), ct => service.ExportRowsAsync(filter, l, ct))
            : BadRequest();

    private bool IsValid(AuditLogFilter filter) =>
        ModelState.IsValid
        && filter.User is not { Length: > 256 } && filter.Entity is not { Length: > 128 }
        && (filter.Action is not { Length: > 0 } action || AuditActions.All.Contains(action));
}
