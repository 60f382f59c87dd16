using Microsoft.AspNetCore.Identity;

namespace PartnershipPortal.Data.Entities;

public class ApplicationUser : IdentityUser
{
    public string? FullName { get; set; }

    /// <summary>Set for Association accounts only: the one association whose records the account may see.</summary>
    public int? AssociationId { get; set; }

    public Association? Association { get; set; }

    /// <summary>fr, ar or en.</summary>
    public string? PreferredCulture { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
