using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Features.Shared.Lists;

namespace PartnershipPortal.Web.Features.AuditLog;

public sealed class AuditLogFilter
{
    public string? User { get; set; }

    public string? Action { get; set; }

    public string? Entity { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int Page { get; set; } = 1;
}

public sealed record AuditRow(
    long Id, DateTime AtUtc, string? UserName, string Action, string? EntityType, string? EntityId,
    string? OldValues, string? NewValues, string? IpAddress, string? Details);

public sealed record AuditLogViewModel(
    AuditLogFilter Filter, IReadOnlyList<AuditRow> Rows, int Page, int PageCount, int Total, IReadOnlyList<string> EntityTypes);

/// <summary>Reads the audit log; there is deliberately no command here.</summary>
public sealed class AuditLogService(PortalDbContext db, ListCache lists, BilanCache cache)
{
    public const int PageSize = 50;

    /// <summary>The French label of an action (a localization key), on the page and in the export alike.</summary>
    public static string ActionLabel(string action) => action switch
        {
            AuditActions.Create => "Création",
            AuditActions.Update => "Modification",
            AuditActions.Delete => "Suppression",
            AuditActions.SignIn => "Connexion",
            AuditActions.SignInFailed => "Échec de connexion",
            AuditActions.LockedOut => "Verrouillage",
            AuditActions.SignOut => "Déconnexion",
            AuditActions.AccountChanged => "Modification de compte",
            AuditActions.PasswordChanged => "Changement de mot de passe",
            AuditActions.PasswordReset => "Réinitialisation de mot de passe",
            AuditActions.TwoFactorChanged => "Double authentification",
            AuditActions.AccessDenied => "Accès refusé",
            AuditActions.Transition => "Changement de statut",
            AuditActions.FileUploaded => "Dépôt de fichier",
            AuditActions.FileDownloaded => "Téléchargement de fichier",
            AuditActions.FileDeleted => "Suppression de fichier",
            AuditActions.Publish => "Publication d'une édition",
            _ => action,
    };

    /// <summary>
    /// A page of the log (<see cref="ListCache"/>) and the entity types of its filter (<see cref="BilanCache"/>, as the other
    /// filter menus), kept until the next write: every write adds to the log, so a kept page is never behind it.
    /// </summary>
    public async Task<AuditLogViewModel> SearchAsync(AuditLogFilter filter, CancellationToken cancellationToken)
    {
        // Serialized, so that a name typed with a separator in it never reads as another filter.
        var key = System.Text.Json.JsonSerializer.Serialize(new object?[] { filter.User, filter.Action, filter.Entity, filter.From, filter.To, filter.Page });
        var shown = await lists.PageAsync("AuditEntry", key, ct => Filter(filter).OrderByDescending(e => e.Id).ToFixedPageAsync(filter.Page, PageSize, Row, ct), cancellationToken);
        var entityTypes = await cache.GetOrBuildAsync("audit:entity-types", ct => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType != null)
            .Select(e => e.EntityType!)
            .Distinct()
            .OrderBy(t => t)
            .ToListAsync(ct), cancellationToken);
        return new AuditLogViewModel(filter, shown.Items, shown.Page, shown.PageCount, shown.Total, entityTypes);
    }

    public static IReadOnlyList<ExportColumn> ExportColumns(IStringLocalizer l) =>
    [
        new(l["Date (UTC)"]), new(l["Qui"]), new(l["Action"]), new(l["Quoi"]), new(l["Détails"]), new(l["Avant"]), new(l["Après"]), new(l["Adresse IP"]),
    ];

    /// <summary>Every line the filter selects, newest first as on screen, read as it is written.</summary>
    public async IAsyncEnumerable<object?[]> ExportRowsAsync(AuditLogFilter filter, IStringLocalizer l, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = Filter(filter).OrderByDescending(e => e.Id).Select(Row).AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            yield return
            [
                r.AtUtc, r.UserName, (string)l[ActionLabel(r.Action)],
                $"{r.EntityType} {r.EntityId}".Trim(), r.Details, r.OldValues, r.NewValues, r.IpAddress,
            ];
        }
    }

    private static readonly System.Linq.Expressions.Expression<Func<AuditEntry, AuditRow>> Row = e => new AuditRow(
        e.Id, e.AtUtc, e.UserName, e.Action, e.EntityType, e.EntityId, e.OldValues, e.NewValues, e.IpAddress, e.Details);

    private IQueryable<AuditEntry> Filter(AuditLogFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            query = query.Where(e => e.UserName != null && e.UserName.Contains(user));
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Entity))
        {
            var entity = filter.Entity.Trim();
            query = query.Where(e => e.EntityType == entity || e.EntityId == entity);
        }

        if (filter.From is DateOnly from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.AtUtc >= start);
        }

        if (filter.To is DateOnly to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.AtUtc < end);
        }

        return query;
    }
}
