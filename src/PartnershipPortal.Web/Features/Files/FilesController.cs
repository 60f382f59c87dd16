using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Applications;
using PartnershipPortal.Web.Infrastructure.Auditing;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Features.Files;

/// <summary>
/// Every download goes through here: staff open any file, an association only its own, a reviewer only the attachments
/// of the applications they review. Any other file answers the 404 of a missing one (and is audited). The response can never be rendered as a page of the portal.
/// </summary>
[Route("Fichiers")]
public sealed class FilesController(FileStore store, ReviewService reviews, UserManager<ApplicationUser> users, AuditWriter audit) : Controller
{
    [HttpGet("{id}")]
    public async Task<IActionResult> Download(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var fileId))
        {
            return NotFound();
        }

        var file = await store.FindAsync(fileId, cancellationToken);
        if (file is null)
        {
            return NotFound();
        }

        if (!await MayOpenAsync(file, cancellationToken))
        {
            await audit.WriteAsync(AuditActions.AccessDenied, FileStore.EntityType, file.Id.ToString(),
                details: $"404 GET {Request.Path} (fichier non accessible à ce compte)", cancellationToken: cancellationToken);
            return NotFound();
        }

        var download = await store.OpenAsync(file, cancellationToken);
        if (download is null)
        {
            return NotFound();
        }

        Response.Headers.ContentDisposition = FileNames.ContentDisposition(file.FileName);
        SecurityHeadersMiddleware.SandboxResponse(HttpContext);
        return File(download.Content, file.ContentType, enableRangeProcessing: false);
    }

    private async Task<bool> MayOpenAsync(StoredFile file, CancellationToken cancellationToken)
    {
        if (User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.Agent) || User.IsInRole(Roles.Manager))
        {
            return true;
        }

        if (User.IsInRole(Roles.Reviewer))
        {
            return ApplicationAttachments.ApplicationIdOf(file) is { } applicationId
                && await reviews.SeesAsync(users.GetUserId(User)!, applicationId, cancellationToken);
        }

        return User.IsInRole(Roles.Association)
            && file.OwnerAssociationId is { } owner
            && User.FindFirst(PortalClaims.AssociationId)?.Value == owner.ToString(CultureInfo.InvariantCulture);
    }
}
