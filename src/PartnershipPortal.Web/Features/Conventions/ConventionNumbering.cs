using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Features.Conventions;

/// <summary>
/// Gives a new convention the next reference of its budget year (CONV-2019-001, -002, ...) and saves it.
/// Two agents saving at once may both read the same last number; the unique index on (BudgetYear, Sequence)
/// lets only one of them through, and the other takes the following number and tries again. A reference already held
/// by a convention of another year (data imported with its own numbering) is skipped the same way.
/// </summary>
public sealed class ConventionNumbering(PortalDbContext db)
{
    private const int Attempts = 10;

    public async Task SaveNewAsync(Convention convention, CancellationToken cancellationToken)
    {
        var taken = 0;
        for (var attempt = 1; ; attempt++)
        {
            var last = await db.Conventions.AsNoTracking()
                .Where(c => c.BudgetYear == convention.BudgetYear)
                .MaxAsync(c => (int?)c.Sequence, cancellationToken) ?? 0;
            // The year's last number does not move past a reference held under another year: the next try starts after it.
            convention.Sequence = Math.Max(last, taken) + 1;
            convention.Reference = Convention.FormatReference(convention.BudgetYear, convention.Sequence);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Taken by a concurrent save: the entities stay Added and go again with the next number.
                if (!await NumberTakenAsync(convention, cancellationToken))
                {
                    throw;
                }

                taken = convention.Sequence;
            }
        }
    }

    private Task<bool> NumberTakenAsync(Convention convention, CancellationToken cancellationToken) =>
        db.Conventions.AsNoTracking().AnyAsync(
            c => (c.BudgetYear == convention.BudgetYear && c.Sequence == convention.Sequence) || c.Reference == convention.Reference,
            cancellationToken);
}
