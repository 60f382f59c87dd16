using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace PartnershipPortal.Web.Features.Bilan;

/// <summary>
/// Keeps built bilans for a minute, so that a page viewed by many managers at once costs one GROUP BY, not one per
/// view (measured in docs/performance.md). Any write to the database through EF (<see cref="BilanCacheInvalidator"/>)
/// starts a new version and the next view rebuilds; the minute bounds what a write made outside this process
/// (another instance, a script) can leave stale.
/// </summary>
public sealed class BilanCache(IMemoryCache cache, IConfiguration? configuration = null)
{
    /// <summary>
    /// How long a figure built by this instance is served. Its own writes invalidate it at once; another instance's
    /// writes reach it within this bound (docs/architecture.md, "Several instances").
    /// </summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    private readonly TimeSpan _lifetime = configuration?.GetValue("Bilan:CacheLifetime", DefaultLifetime) ?? DefaultLifetime;

    private long _version;

    public void Invalidate() => Interlocked.Increment(ref _version);

    public Task<T> GetOrBuildAsync<T>(string name, Func<CancellationToken, Task<T>> build, CancellationToken cancellationToken)
        where T : class =>
        GetOrBuildAsync(cache, name, build, cancellationToken);

    /// <summary>
    /// The same, kept in the caller's <paramref name="store"/>: a store with a size limit of its own, so that figures
    /// many and small (the lists' pages) never push the bilans out.
    /// </summary>
    public async Task<T> GetOrBuildAsync<T>(IMemoryCache store, string name, Func<CancellationToken, Task<T>> build, CancellationToken cancellationToken)
        where T : class
    {
        // The version is read before building: a write that lands meanwhile moves the version on, and this result,
        // stored under the old one, is never served again.
        var key = (nameof(BilanCache), name, Interlocked.Read(ref _version));
        if (store.TryGetValue(key, out T? cached) && cached is not null)
        {
            return cached;
        }

        var value = await build(cancellationToken);
        store.Set(key, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _lifetime, Size = 1 });
        return value;
    }
}

/// <summary>Invalidates <see cref="BilanCache"/> on every INSERT, UPDATE or DELETE sent through EF, and again when its transaction commits.</summary>
public sealed partial class BilanCacheInvalidator(BilanCache cache) : DbTransactionInterceptor, IDbCommandInterceptor
{
    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Check(command);
        return result;
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Check(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => cache.Invalidate();

    public override Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        cache.Invalidate();
        return Task.CompletedTask;
    }

    private void Check(DbCommand command)
    {
        if (Write().IsMatch(command.CommandText))
        {
            cache.Invalidate();
        }
    }

    [GeneratedRegex(@"^\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE)\s", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex Write();
}
