using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Infrastructure.Auditing;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.MonEspace;

[Authorize(Policy = Policies.AssociationMember)]
[Route("MonEspace")]
public sealed class MonEspaceController(MonEspaceService service, AuditWriter audit) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var space = await service.GetSpaceAsync(AssociationId, cancellationToken);
        return space is null ? NotFound() : View(space);
    }

    [HttpGet("Conventions/{id:int}")]
    public async Task<IActionResult> Convention(int id, CancellationToken cancellationToken)
    {
        var convention = await service.GetConventionAsync(AssociationId, id, cancellationToken);
        if (convention is not null)
        {
            return View(convention);
        }

        if (await service.BelongsToAnotherAssociationAsync(AssociationId, id, cancellationToken))
        {
            // Answered exactly like a missing record, but the attempt is recorded.
            await audit.WriteAsync(AuditActions.AccessDenied, nameof(Data.Entities.Convention),
                id.ToString(CultureInfo.InvariantCulture), details: $"404 GET {Request.Path} (autre association)",
                cancellationToken: cancellationToken);
        }

        return NotFound();
    }

    private int AssociationId => int.Parse(User.FindFirst(PortalClaims.AssociationId)!.Value, CultureInfo.InvariantCulture);
}
