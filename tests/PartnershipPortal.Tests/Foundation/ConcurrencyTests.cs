using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Foundation;

public sealed class ConcurrencyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_stale_update_is_rejected_on_SQLite_and_the_first_save_is_kept()
    {
        await using var first = factory.Services.CreateAsyncScope();
        await using var second = factory.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<PortalDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<PortalDbContext>();

        var copy1 = await db1.Associations.OrderBy(a => a.Id).FirstAsync();
        var copy2 = await db2.Associations.SingleAsync(a => a.Id == copy1.Id);
        var versionBefore = copy1.Version;

        copy1.Phone = "05 37 00 00 01";
        await db1.SaveChangesAsync();
        Assert.NotEqual(versionBefore, copy1.Version);

        copy2.Phone = "05 37 00 00 02";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());

        var stored = await factory.WithDbAsync(db => db.Associations.AsNoTracking().SingleAsync(a => a.Id == copy1.Id));
        Assert.Equal("05 37 00 00 01", stored.Phone);
    }

    [Fact]
    public async Task The_SQLite_database_runs_in_WAL_mode()
    {
        var mode = await factory.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            return (string?)await command.ExecuteScalarAsync();
        });

        Assert.Equal("wal", mode);
    }

    [Fact]
    public async Task Saves_stamp_who_and_when()
    {
        var association = await factory.WithDbAsync(async db =>
        {
            var added = new Association { Name = "Association Témoin", RegistrationNumber = "TEST-STAMP-1", City = "Rabat", Region = Region.RabatSaleKenitra };
            db.Associations.Add(added);
            await db.SaveChangesAsync();
            return added;
        });

        Assert.Equal("système", association.CreatedBy);
        Assert.NotEqual(default, association.CreatedAtUtc);
        Assert.NotEqual(Guid.Empty, association.Version);
    }
}
