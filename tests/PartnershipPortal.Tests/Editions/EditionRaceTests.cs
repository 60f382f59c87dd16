using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Web.Features.Editions;
using PartnershipPortal.Web.Infrastructure.Auditing;

namespace PartnershipPortal.Tests.Editions;

/// <summary>Two managers publishing one edition at the same instant, made to happen every time: the second takes the next number.</summary>
public sealed class EditionRaceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_publication_whose_number_is_taken_meanwhile_takes_the_next_and_the_audit_log_names_that_one()
    {
        var id = await NewEditionAsync("Édition disputée");
        var publishesFirst = new SavesFirst(factory.ConnectionString, (other, _) =>
        {
            other.BilanEditionVersions.Add(new BilanEditionVersion
            {
                EditionId = id, Number = 1, FirstYear = 2017, LastYear = 2017, IntroductionFr = "Édition disputée", SnapshotJson = "{}",
                PublishedAtUtc = DateTime.UtcNow, PublishedBy = "collegue@portail.test",
            });
            return Task.CompletedTask;
        });

        var number = await factory.WithInterloperAsync(publishesFirst, (services, db) =>
            ActivatorUtilities.CreateInstance<EditionService>(services, db, ActivatorUtilities.CreateInstance<AuditWriter>(services, db))
                .PublishAsync(id, CancellationToken.None));

        Assert.Equal(2, number);
        var versions = await factory.WithDbAsync(db => db.BilanEditionVersions.Where(v => v.EditionId == id).OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Equal("collegue@portail.test", versions[0].PublishedBy);
        Assert.NotEqual("collegue@portail.test", versions[1].PublishedBy);
        var key = id.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(["2017–2017 · version 2"], await factory.WithDbAsync(db => db.AuditEntries
            .Where(a => a.Action == AuditActions.Publish && a.EntityId == key).Select(a => a.Details).ToListAsync()));
    }

    [Fact]
    public async Task A_publication_whose_number_is_taken_at_each_of_three_attempts_gives_up_and_writes_nothing_of_its_own()
    {
        var id = await NewEditionAsync("Édition très disputée");
        var colleague = new TakesEachNumber(factory.ConnectionString, id);

        await Assert.ThrowsAsync<DbUpdateException>(() => factory.WithInterloperAsync(colleague, (services, db) =>
            ActivatorUtilities.CreateInstance<EditionService>(services, db, ActivatorUtilities.CreateInstance<AuditWriter>(services, db))
                .PublishAsync(id, CancellationToken.None)));

        Assert.Equal(3, colleague.Taken);
        Assert.Equal([(1, "collegue@portail.test"), (2, "collegue@portail.test"), (3, "collegue@portail.test")], await factory.WithDbAsync(db =>
            db.BilanEditionVersions.Where(v => v.EditionId == id).OrderBy(v => v.Number).Select(v => ValueTuple.Create(v.Number, v.PublishedBy)).ToListAsync()));
        var key = id.ToString(CultureInfo.InvariantCulture);
        Assert.False(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Publish && a.EntityId == key)));
    }

    /// <summary>A 2017 edition, never published.</summary>
    private Task<int> NewEditionAsync(string introduction) => factory.WithDbAsync(async db =>
    {
        var edition = new BilanEdition { FirstYear = 2017, LastYear = 2017, IntroductionFr = introduction };
        db.BilanEditions.Add(edition);
        await db.SaveChangesAsync();
        return edition.Id;
    });

    /// <summary>A colleague who publishes the edition just before each of this publication's saves, taking its number every time.</summary>
    private sealed class TakesEachNumber(string connectionString, int editionId) : DbTransactionInterceptor
    {
        public int Taken { get; private set; }

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
            TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            await using var other = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(connectionString).Options);
            var number = (await other.BilanEditionVersions.Where(v => v.EditionId == editionId).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
            other.BilanEditionVersions.Add(new BilanEditionVersion
            {
                EditionId = editionId, Number = number, FirstYear = 2017, LastYear = 2017, IntroductionFr = "Édition très disputée",
                SnapshotJson = "{}", PublishedAtUtc = DateTime.UtcNow, PublishedBy = "collegue@portail.test",
            });
            await other.SaveChangesAsync(cancellationToken);
            Taken++;
            return result;
        }
    }
}
