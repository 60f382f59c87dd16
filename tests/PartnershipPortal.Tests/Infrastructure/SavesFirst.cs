using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Auditing;

namespace PartnershipPortal.Tests.Infrastructure;

/// <summary>
/// Two people saving at the same instant, made to happen every time: once, just before the service's save begins its
/// transaction, <paramref name="write"/> runs in another context and is saved. A context without the portal's
/// auditing interceptor: the write sets the versions it changes itself.
/// </summary>
public sealed class SavesFirst(string connectionString, Func<PortalDbContext, CancellationToken, Task> write) : DbTransactionInterceptor
{
    private bool _done;

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (!_done)
        {
            _done = true;
            await using var other = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(connectionString).Options);
            await write(other, cancellationToken);
            await other.SaveChangesAsync(cancellationToken);
        }

        return result;
    }
}

public static class Interloping
{
    /// <summary>
    /// Runs <paramref name="action"/> with the portal's services and a context of its database on which
    /// <paramref name="interloper"/> is registered beside the auditing interceptor; the action builds the services it
    /// calls on that context.
    /// </summary>
    public static async Task<T> WithInterloperAsync<T>(this PortalFactory factory, DbTransactionInterceptor interloper, Func<IServiceProvider, PortalDbContext, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(factory.ConnectionString)
            .AddInterceptors(scope.ServiceProvider.GetRequiredService<AuditingInterceptor>(), interloper).Options);
        return await action(scope.ServiceProvider, db);
    }
}
