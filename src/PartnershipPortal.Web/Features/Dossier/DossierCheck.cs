using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Features.Dossier;

/// <summary>The state of an association's legal dossier, the worst of its required documents' states.</summary>
public enum DossierState
{
    Complete,

    /// <summary>A document valid today expires within <see cref="DossierCheck.ExpiringWithinDays"/> days.</summary>
    ExpiringSoon,

    Expired,

    /// <summary>A required kind has no current document (the worst: the dossier cannot be checked at all).</summary>
    Missing,
}

public sealed record DossierKindState(int KindId, string KindCode, DossierState State, DateOnly? ValidUntil);

public sealed record DossierStatus(DossierState State, IReadOnlyList<DossierKindState> Kinds)
{
    /// <summary>A convention may be signed: nothing missing and nothing expired.</summary>
    public bool AllowsSigning => State is DossierState.Complete or DossierState.ExpiringSoon;
}

/// <summary>What the convention signing step asks before a signature.</summary>
public interface IDossierCheck
{
    Task<DossierStatus> StateAsync(int associationId, CancellationToken cancellationToken = default);
}

public sealed class DossierCheck(PortalDbContext db, TimeProvider time) : IDossierCheck
{
    public const int ExpiringWithinDays = 30;

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public static DossierState StateOf(bool present, bool hasValidity, DateOnly? validUntil, DateOnly today)
    {
        if (!present)
        {
            return DossierState.Missing;
        }

        if (!hasValidity || validUntil is null)
        {
            return hasValidity ? DossierState.Expired : DossierState.Complete;
        }

        if (validUntil < today)
        {
            return DossierState.Expired;
        }

        return validUntil < today.AddDays(ExpiringWithinDays) ? DossierState.ExpiringSoon : DossierState.Complete;
    }

    public async Task<DossierStatus> StateAsync(int associationId, CancellationToken cancellationToken = default)
    {
        var today = Today;
        var kinds = await db.DocumentKinds.AsNoTracking().Where(k => k.IsActive && k.IsRequired)
            .OrderBy(k => k.DisplayOrder).ThenBy(k => k.Id)
            .Select(k => new
            {
                k.Id,
                k.Code,
                k.HasValidity,
                Current = db.DossierDocuments.Where(d => d.AssociationId == associationId && d.DocumentKindId == k.Id && d.IsCurrent)
                    .Select(d => new { d.ValidUntil }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var lines = kinds.Select(k => new DossierKindState(k.Id, k.Code,
            StateOf(k.Current is not null, k.HasValidity, k.Current?.ValidUntil, today), k.Current?.ValidUntil)).ToList();
        return new DossierStatus(lines.Count == 0 ? DossierState.Complete : lines.Max(l => l.State), lines);
    }

    /// <summary>The associations whose dossier is in <paramref name="state"/>, in SQL: the same rule as <see cref="StateAsync"/>.</summary>
    public IQueryable<Association> WhereState(IQueryable<Association> associations, DossierState state)
    {
        var today = Today;
        var soon = today.AddDays(ExpiringWithinDays);
        var required = db.DocumentKinds.Where(k => k.IsActive && k.IsRequired);
        var current = db.DossierDocuments.Where(d => d.IsCurrent && d.DocumentKind!.IsActive && d.DocumentKind.IsRequired);

        var missing = associations.Where(a => required.Any(k => !current.Any(d => d.AssociationId == a.Id && d.DocumentKindId == k.Id)));
        var notMissing = associations.Where(a => !required.Any(k => !current.Any(d => d.AssociationId == a.Id && d.DocumentKindId == k.Id)));
        return state switch
        {
            DossierState.Missing => missing,
            DossierState.Expired => notMissing.Where(a => current.Any(d => d.AssociationId == a.Id && d.DocumentKind!.HasValidity
                && (d.ValidUntil == null || d.ValidUntil < today))),
            DossierState.ExpiringSoon => notMissing
                .Where(a => !current.Any(d => d.AssociationId == a.Id && d.DocumentKind!.HasValidity && (d.ValidUntil == null || d.ValidUntil < today)))
                .Where(a => current.Any(d => d.AssociationId == a.Id && d.DocumentKind!.HasValidity && d.ValidUntil < soon)),
            _ => notMissing
                .Where(a => !current.Any(d => d.AssociationId == a.Id && d.DocumentKind!.HasValidity && (d.ValidUntil == null || d.ValidUntil < soon))),
        };
    }
}
