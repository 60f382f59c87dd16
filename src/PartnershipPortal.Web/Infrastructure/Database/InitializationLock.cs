using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace PartnershipPortal.Web.Infrastructure.Database;

/// <summary>
/// Lets one process at a time migrate and seed the database. Two instances starting at once on an empty database would
/// otherwise both find no reference data and no administrator, and both insert them: the second fails on a unique index
/// and stops. The second instance waits here, then finds everything in place and seeds nothing.
/// </summary>
public static class InitializationLock
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    public static async Task<IAsyncDisposable> AcquireAsync(DatabaseOptions options, string connectionString, CancellationToken cancellationToken) =>
        options.Provider == DatabaseProvider.SqlServer
            ? await SqlServerLock.AcquireAsync(connectionString, cancellationToken)
            : await FileLock.AcquireAsync(connectionString, cancellationToken);

    /// <summary>SQLite: an exclusive lock on a file beside the database (the file is local to one machine anyway).</summary>
    private sealed class FileLock(FileStream stream) : IAsyncDisposable
    {
        public static async Task<IAsyncDisposable> AcquireAsync(string connectionString, CancellationToken cancellationToken)
        {
            var database = new SqliteConnectionStringBuilder(connectionString).DataSource;
            if (string.IsNullOrEmpty(database) || database == ":memory:")
            {
                return new FileLock(null!);
            }

            var path = Path.GetFullPath(database) + ".init-lock";
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Real time even under a test's fake clock: the other process waited for runs on the real one.
            var started = TimeProvider.System.GetTimestamp();
            while (true)
            {
                try
                {
                    // FileShare.None takes an exclusive advisory lock (flock) that another process's open refuses.
                    return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (TimeProvider.System.GetElapsedTime(started) < Bound)
                {
                    // Another instance is initializing; its migration and seeding take seconds.
                    await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
                }
            }
        }

        public ValueTask DisposeAsync() => stream?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    /// <summary>SQL Server: an application lock held by a session opened for it, released when the session closes.</summary>
    private sealed class SqlServerLock(SqlConnection connection) : IAsyncDisposable
    {
        public static async Task<IAsyncDisposable> AcquireAsync(string connectionString, CancellationToken cancellationToken)
        {
            var connection = new SqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "EXEC @result = sp_getapplock @Resource = N'PartnershipPortal.Initialize', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = @timeout";
                command.CommandTimeout = (int)Bound.TotalSeconds + 30;
                command.Parameters.Add(new SqlParameter("@timeout", (int)Bound.TotalMilliseconds));
                var result = new SqlParameter("@result", System.Data.SqlDbType.Int) { Direction = System.Data.ParameterDirection.Output };
                command.Parameters.Add(result);
                await command.ExecuteNonQueryAsync(cancellationToken);
                if ((int)result.Value < 0)
                {
                    throw new InvalidOperationException($"Another instance has been initializing the database for more than {Bound.TotalMinutes} minutes (sp_getapplock {result.Value}).");
                }

                return new SqlServerLock(connection);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
