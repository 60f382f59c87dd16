using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Conventions;

/// <summary>
/// The portal where someone else writes a convention at the worst instant of a request, once, when a test arms it:
/// after the request's checks passed, just before its own read or save. Two people clicking at the same time, made
/// to happen every time. The write goes through a context without the portal's interceptors, so it sets what it
/// changes itself (a new version included).
/// </summary>
public sealed class InterlopedPortalFactory : PortalFactory
{
    private readonly Interloper _interloper = new();

    /// <summary>Before the portal's next save that changes convention <paramref name="conventionId"/>.</summary>
    public void BeforeSaving(int conventionId, Func<PortalDbContext, Task> write) =>
        _interloper.Arm(context => context.ChangeTracker.Entries<Convention>().Any(e => e.Entity.Id == conventionId && e.State == EntityState.Modified), null,
            () => WriteAsync(write));

    /// <summary>
    /// Before the portal's next query whose SQL contains every one of <paramref name="fragments"/>, or the
    /// <paramref name="occurrence"/>th such query: a request that reads the same rows for its check and again for its
    /// save is overtaken between the two.
    /// </summary>
    public void BeforeReading(string[] fragments, Func<PortalDbContext, Task> write, int occurrence = 1)
    {
        var seen = 0;
        _interloper.Arm(null, sql => fragments.All(f => sql.Contains(f, StringComparison.Ordinal)) && ++seen == occurrence, () => WriteAsync(write));
    }

    private async Task WriteAsync(Func<PortalDbContext, Task> write)
    {
        await using var other = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(ConnectionString).Options);
        await write(other);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<PortalDbContext>((_, options) => options.AddInterceptors(_interloper)));
    }

    /// <summary>
    /// Saves are caught before they begin, or before the transaction the portal opens for them (the request holds no
    /// lock yet); reads before their command runs (no reader of the request is open): the other context's write never
    /// waits on the request.
    /// </summary>
    private sealed class Interloper : DbCommandInterceptor, ISaveChangesInterceptor, IDbTransactionInterceptor
    {
        private readonly Lock _lock = new();
        private (Func<DbContext, bool>? Saving, Func<string, bool>? Reading, Func<Task> Write)? _armed;

        public void Arm(Func<DbContext, bool>? saving, Func<string, bool>? reading, Func<Task> write)
        {
            lock (_lock)
            {
                _armed = (saving, reading, write);
            }
        }

        private Func<Task>? Take(DbContext? context, string? sql)
        {
            lock (_lock)
            {
                if (_armed is { } armed
                    && ((armed.Saving is not null && context is not null && armed.Saving(context)) || (armed.Reading is not null && sql is not null && armed.Reading(sql))))
                {
                    _armed = null;
                    return armed.Write;
                }

                return null;
            }
        }

        public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (Take(eventData.Context, null) is { } write)
            {
                await write();
            }

            return result;
        }

        public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (Take(eventData.Context, null) is { } write)
            {
                await write();
            }

            return result;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Take(null, command.CommandText) is { } write)
            {
                await write();
            }

            return result;
        }
    }
}
