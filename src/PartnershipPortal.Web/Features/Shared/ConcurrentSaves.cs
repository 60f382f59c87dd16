using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Features.Shared;

public static class ConcurrentSaves
{
    /// <summary>
    /// The record to change, tracked, with the version token the form carried as its original value: the save then
    /// fails if anyone saved the record after this user opened the form. Null when the record is gone.
    /// </summary>
    public static async Task<TRecord?> ForUpdateAsync<TRecord>(
        this IQueryable<TRecord> records, DbContext db, int id, Guid version, CancellationToken cancellationToken)
        where TRecord : AuditableEntity
    {
        var record = await records.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (record is not null)
        {
            db.Entry(record).Property(r => r.Version).OriginalValue = version;
        }

        return record;
    }

    /// <summary>
    /// Saves the changes to <paramref name="record"/>. When another user saved it first (its version token no longer
    /// matches), nothing of this save is kept and the answer is the conflict <paramref name="conflict"/> describes from
    /// what is stored now, beside what this user typed; 404 when the record was deleted meanwhile. The description
    /// reads what it needs beyond the record itself with <paramref name="reading"/> (an Include).
    /// </summary>
    public static async Task<SaveOutcome> SaveOrConflictAsync<TRecord>(
        this DbContext db,
        TRecord record,
        Func<TRecord, Task<ConcurrencyConflict>> conflict,
        CancellationToken cancellationToken,
        Func<IQueryable<TRecord>, IQueryable<TRecord>>? reading = null)
        where TRecord : AuditableEntity
    {
        var id = record.Id;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return SaveOutcome.Saved(record.Id);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The refused changes stay tracked otherwise, and the next read of this request would see them.
            db.ChangeTracker.Clear();
            var stored = await (reading ?? (q => q))(db.Set<TRecord>().AsNoTracking()).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            return stored is null ? SaveOutcome.Missing() : SaveOutcome.Overtaken(await conflict(stored));
        }
    }

    /// <inheritdoc cref="SaveOrConflictAsync{TRecord}(DbContext, TRecord, Func{TRecord, Task{ConcurrencyConflict}}, CancellationToken, Func{IQueryable{TRecord}, IQueryable{TRecord}}?)"/>
    public static Task<SaveOutcome> SaveOrConflictAsync<TRecord>(
        this DbContext db, TRecord record, Func<TRecord, ConcurrencyConflict> conflict, CancellationToken cancellationToken)
        where TRecord : AuditableEntity =>
        db.SaveOrConflictAsync(record, stored => Task.FromResult(conflict(stored)), cancellationToken);
}
