using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Web.Features.Conventions;

namespace PartnershipPortal.Tests.Units;

/// <summary>
/// The collision retry of convention numbering, made to happen every time: another save takes the number between the
/// moment it is read and the moment it is saved (what two agents saving at once may do, by chance only).
/// </summary>
public sealed class ConventionNumberingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_number_taken_between_reading_and_saving_is_skipped_for_the_next_one()
    {
        const int year = 2035;
        var associationId = await factory.WithDbAsync(db => db.Associations.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        var domainId = await factory.WithDbAsync(db => db.Domains.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
        var intruder = new TakesTheNumberFirst(factory.ConnectionString, associationId, times: 2);
        await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>()
            .UseSqlite(factory.ConnectionString).AddInterceptors(intruder).Options);
        var convention = NewConvention(year, associationId, domainId, "Celle qui attend son numéro");
        db.Conventions.Add(convention);

        await new ConventionNumbering(db).SaveNewAsync(convention, CancellationToken.None);

        // Numbers 1 and 2 were taken by the intruder while this save was under way: it gets 3, and nothing is lost.
        Assert.Equal("CONV-2035-003", convention.Reference);
        var saved = await factory.WithDbAsync(d => d.Conventions.AsNoTracking().Where(c => c.BudgetYear == year)
            .OrderBy(c => c.Sequence).Select(c => new { c.Reference, c.InternalNotes }).ToListAsync());
        Assert.Equal([("CONV-2035-001", "intrus"), ("CONV-2035-002", "intrus"), ("CONV-2035-003", (string?)null)], saved.Select(c => (c.Reference, c.InternalNotes)));
    }

    [Fact]
    public async Task A_save_that_fails_for_another_reason_is_not_retried_under_another_number()
    {
        const int year = 2036;
        var associationId = await factory.WithDbAsync(db => db.Associations.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        var reads = new CountsNumberReads();
        await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(factory.ConnectionString).AddInterceptors(reads).Options);
        // A project in a domain that does not exist: a foreign key refuses it, whatever the number.
        var convention = NewConvention(year, associationId, domainId: 999_999, "Domaine inconnu");
        db.Conventions.Add(convention);

        await Assert.ThrowsAsync<DbUpdateException>(() => new ConventionNumbering(db).SaveNewAsync(convention, CancellationToken.None));

        Assert.Equal(1, reads.Count);
        Assert.False(await factory.WithDbAsync(d => d.Conventions.AnyAsync(c => c.BudgetYear == year)));
    }

    [Fact]
    public async Task A_reference_held_under_another_year_is_skipped()
    {
        const int year = 2037;
        var associationId = await factory.WithDbAsync(db => db.Associations.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        var domainId = await factory.WithDbAsync(db => db.Domains.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
        // Imported with the numbering of the system it came from: budgeted in 2034, referenced as the first of 2037.
        await factory.WithDbAsync(async db =>
        {
            db.Conventions.Add(new Convention
            {
                Reference = "CONV-2037-001", BudgetYear = 2034, Sequence = 901, AssociationId = associationId,
                Status = ConventionStatus.Draft, InternalNotes = "importée",
            });
            await db.SaveChangesAsync();
        });
        await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(factory.ConnectionString).Options);
        var convention = NewConvention(year, associationId, domainId, "Après la référence importée");
        db.Conventions.Add(convention);

        await new ConventionNumbering(db).SaveNewAsync(convention, CancellationToken.None);

        Assert.Equal(("CONV-2037-002", 2), (convention.Reference, convention.Sequence));
        Assert.Equal(
            ["CONV-2037-001", "CONV-2037-002"],
            await factory.WithDbAsync(d => d.Conventions.Where(c => c.Reference.StartsWith("CONV-2037-")).OrderBy(c => c.Reference).Select(c => c.Reference).ToListAsync()));
    }

    [Fact]
    public async Task A_save_gives_up_after_ten_numbers_taken_and_saves_nothing()
    {
        const int year = 2038;
        var associationId = await factory.WithDbAsync(db => db.Associations.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        var domainId = await factory.WithDbAsync(db => db.Domains.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
        var intruder = new TakesTheNumberFirst(factory.ConnectionString, associationId, times: 50);
        var reads = new CountsNumberReads();
        await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>()
            .UseSqlite(factory.ConnectionString).AddInterceptors(intruder, reads).Options);
        var convention = NewConvention(year, associationId, domainId, "Toujours devancée");
        db.Conventions.Add(convention);

        await Assert.ThrowsAsync<DbUpdateException>(() => new ConventionNumbering(db).SaveNewAsync(convention, CancellationToken.None));

        // Ten numbers read, ten taken by the other save; this convention is not saved under any of them.
        Assert.Equal(10, reads.Count);
        var saved = await factory.WithDbAsync(d => d.Conventions.Where(c => c.BudgetYear == year).Select(c => c.InternalNotes).ToListAsync());
        Assert.Equal(10, saved.Count);
        Assert.All(saved, notes => Assert.Equal("intrus", notes));
    }

    private static Convention NewConvention(int year, int associationId, int domainId, string title)
    {
        var convention = new Convention { Reference = "", BudgetYear = year, AssociationId = associationId, Status = ConventionStatus.Draft };
        convention.Projects.Add(new Project { Title = title, BudgetYear = year, DomainId = domainId, City = "Rabat", AmountCentimes = 100_000 });
        convention.RecomputeTotal();
        return convention;
    }

    /// <summary>Counts the reads of a year's last number.</summary>
    private sealed class CountsNumberReads : DbCommandInterceptor
    {
        public int Count { get; private set; }

        public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("MAX(", StringComparison.OrdinalIgnoreCase))
            {
                Count++;
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>
    /// Just before the save opens its transaction, saves a convention of its own under the number just read (inside
    /// the transaction SQLite would make it wait for the lock instead).
    /// </summary>
    private sealed class TakesTheNumberFirst(string connectionString, int associationId, int times) : DbTransactionInterceptor
    {
        private int _left = times;

        public override async ValueTask<InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(
            System.Data.Common.DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<System.Data.Common.DbTransaction> result,
            CancellationToken cancellationToken = default)
        {
            var waiting = eventData.Context!.ChangeTracker.Entries<Convention>().SingleOrDefault(e => e.State == EntityState.Added)?.Entity;
            if (waiting is not null && _left-- > 0)
            {
                await using var other = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(connectionString).Options);
                other.Conventions.Add(new Convention
                {
                    Reference = waiting.Reference,
                    Sequence = waiting.Sequence,
                    BudgetYear = waiting.BudgetYear,
                    AssociationId = associationId,
                    Status = ConventionStatus.Draft,
                    InternalNotes = "intrus",
                });
                await other.SaveChangesAsync(cancellationToken);
            }

            return result;
        }
    }
}
