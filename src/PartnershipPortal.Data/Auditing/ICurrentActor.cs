namespace PartnershipPortal.Data.Auditing;

/// <summary>Who is acting: the signed-in user on a request, the seeder or a command otherwise.</summary>
public interface ICurrentActor
{
    string? Name { get; }

    /// <summary>The client's address, for the audit log; null outside a request.</summary>
    string? IpAddress => null;
}
