using Microsoft.Data.Sqlite;
using PartnershipPortal.Web.Commands;

namespace PartnershipPortal.Tests.Operations;

/// <summary>The backup command copies the embedded database while another connection keeps writing to it.</summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-backup", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_backup_taken_during_a_stream_of_writes_is_sound_and_holds_every_write_committed_before_it_started()
    {
        Directory.CreateDirectory(_folder);
        var database = Path.Combine(_folder, "portal.db");
        var connection = new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString();
        await using (var setup = new SqliteConnection(connection))
        {
            await setup.OpenAsync();
            await Execute(setup, "PRAGMA journal_mode=WAL; CREATE TABLE Writes (Id INTEGER PRIMARY KEY, Payload BLOB NOT NULL);");
        }

        // The writer commits one row per transaction, as the portal's requests do, and says how far it got.
        long committed = 0;
        var enoughBefore = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var moreAfter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long backupFinishedAt = long.MaxValue;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            try
            {
                await WriteAsync();
            }
            catch (Exception e)
            {
                enoughBefore.TrySetException(e);
                moreAfter.TrySetException(e);
                throw;
            }
        });

        async Task WriteAsync()
        {
            await using var write = new SqliteConnection(connection);
            await write.OpenAsync();
            await Execute(write, "PRAGMA busy_timeout=10000");
            var payload = new byte[4096];
            for (long id = 1; !stop.IsCancellationRequested; id++)
            {
                await using (var insert = write.CreateCommand())
                {
                    insert.CommandText = "INSERT INTO Writes (Id, Payload) VALUES ($id, $payload)";
                    insert.Parameters.AddWithValue("$id", id);
                    insert.Parameters.AddWithValue("$payload", payload);
                    await insert.ExecuteNonQueryAsync();
                }

                Interlocked.Exchange(ref committed, id);
                if (id == 5000)
                {
                    enoughBefore.TrySetResult();
                }

                if (id > Interlocked.Read(ref backupFinishedAt) + 10)
                {
                    moreAfter.TrySetResult();
                }
            }
        }

        await enoughBefore.Task;
        var committedBeforeStart = Interlocked.Read(ref committed);
        var target = Path.Combine(_folder, "copies", "portal-backup.db");
        using var output = new StringWriter();
        var exit = await BackupCommand.RunAsync(["--database", database, "--to", target], output, CancellationToken.None);
        Interlocked.Exchange(ref backupFinishedAt, Interlocked.Read(ref committed));

        // The portal kept writing through and after the backup.
        await moreAfter.Task;
        await stop.CancelAsync();
        await writer;

        Assert.True(exit == 0, output.ToString());
        Assert.False(File.Exists(target + ".partial"));
        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await copy.OpenAsync();
        Assert.Equal("ok", await Scalar<string>(copy, "PRAGMA integrity_check"));
        Assert.Equal(committedBeforeStart, await Scalar<long>(copy, $"SELECT COUNT(*) FROM Writes WHERE Id <= {committedBeforeStart}"));
        var rows = await Scalar<long>(copy, "SELECT COUNT(*) FROM Writes");
        Assert.Equal(rows, await Scalar<long>(copy, "SELECT MAX(Id) FROM Writes"));
        Assert.True(rows <= Interlocked.Read(ref backupFinishedAt), "The copy is a snapshot taken during the backup, not the database after it.");
    }

    [Fact]
    public async Task Without_a_target_the_command_explains_itself_and_fails()
    {
        using var output = new StringWriter();
        Assert.Equal(2, await BackupCommand.RunAsync([], output, CancellationToken.None));
        Assert.Contains("backup --to", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
