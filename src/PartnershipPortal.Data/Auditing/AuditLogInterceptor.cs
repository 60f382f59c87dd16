using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Auditing;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every create, update and delete of a grant record, in the same
/// transaction as the change. Updates and deletes go in the same statement batch; creates wait for their
/// database-generated id and follow in a second batch inside the transaction <see cref="PortalDbContext"/> opens.
/// </summary>
public sealed class AuditLogInterceptor(ICurrentActor actor, TimeProvider time) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly List<(EntityEntry Entry, Dictionary<string, object?> Values)> _pendingCreates = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && AddPendingCreates(context))
        {
            context.SaveChanges();
        }

        return base.SavedChanges(eventData, result);
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && AddPendingCreates(context))
        {
            await context.SaveChangesAsync(cancellationToken);
        }

        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        _pendingCreates.Clear();
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _pendingCreates.Clear();
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    private void Capture(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is AuditEntry && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Le journal d'audit ne peut être ni modifié ni supprimé.");
            }

            if (!IsAudited(entry))
            {
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added:
                    _pendingCreates.Add((entry, entry.Properties
                        .Where(p => !p.Metadata.IsPrimaryKey() || !p.IsTemporary)
                        .ToDictionary(p => p.Metadata.Name, p => p.CurrentValue)));
                    break;
                case EntityState.Modified:
                    var changed = entry.Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).ToList();
                    if (changed.Count == 0)
                    {
                        break;
                    }

                    context.Add(NewEntry(AuditActions.Update, entry,
                        changed.ToDictionary(p => p.Metadata.Name, p => p.OriginalValue),
                        changed.ToDictionary(p => p.Metadata.Name, p => p.CurrentValue)));
                    break;
                case EntityState.Deleted:
                    context.Add(NewEntry(AuditActions.Delete, entry,
                        entry.Properties.ToDictionary(p => p.Metadata.Name, p => p.OriginalValue), null));
                    break;
                default:
                    break;
            }
        }
    }

    private bool AddPendingCreates(DbContext context)
    {
        if (_pendingCreates.Count == 0)
        {
            return false;
        }

        foreach (var (entry, values) in _pendingCreates)
        {
            // The id the database gave the new row, now that the insert has run.
            foreach (var key in entry.Metadata.FindPrimaryKey()!.Properties)
            {
                values[key.Name] = entry.Property(key.Name).CurrentValue;
            }

            foreach (var foreignKey in entry.Properties.Where(p => p.Metadata.IsForeignKey()))
            {
                values[foreignKey.Metadata.Name] = foreignKey.CurrentValue;
            }

            context.Add(NewEntry(AuditActions.Create, entry, null, values));
        }

        _pendingCreates.Clear();
        return true;
    }

    /// <summary>Grant records, and the links between activities and associations (a join table without a class).</summary>
    private static bool IsAudited(EntityEntry entry) =>
        entry.Entity is AuditableEntity || (entry.Metadata.IsPropertyBag && entry.Metadata.HasSharedClrType);

    private AuditEntry NewEntry(string action, EntityEntry entry, Dictionary<string, object?>? before, Dictionary<string, object?>? after) => new()
    {
        AtUtc = time.GetUtcNow().UtcDateTime,
        UserName = actor.Name,
        IpAddress = actor.IpAddress,
        Action = action,
        EntityType = entry.Metadata.ClrType == typeof(Dictionary<string, object>) ? entry.Metadata.Name : entry.Metadata.ClrType.Name,
        EntityId = KeyOf(entry),
        OldValues = before is null ? null : JsonSerializer.Serialize(before, Json),
        NewValues = after is null ? null : JsonSerializer.Serialize(after, Json),
    };

    private static string KeyOf(EntityEntry entry) => string.Join("-", entry.Metadata.FindPrimaryKey()!.Properties
        .Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));
}
