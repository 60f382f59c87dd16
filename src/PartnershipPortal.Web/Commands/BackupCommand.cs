using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PartnershipPortal.Web.Infrastructure.Database;

namespace PartnershipPortal.Web.Commands;

/// <summary>
/// Copies the embedded SQLite database while the portal runs: <c>backup --to FILE [--database FILE]</c>.
/// SQLite's online backup reads one consistent snapshot (WAL lets the portal keep writing meanwhile); the copy is written
/// beside the target, checked with <c>PRAGMA integrity_check</c>, then moved into place, so a failed backup never
/// leaves a half-written file under the target's name. Without --database, the portal's own configuration says which
/// file (appsettings, environment, --ConnectionStrings:Portal=...).
/// </summary>
public static class BackupCommand
{
    public const string Name = "backup";

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        string? target = null;
        string? database = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--to" when i + 1 < args.Length:
                    target = args[++i];
                    break;
                case "--database" when i + 1 < args.Length:
                    database = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(target))
        {
            await output.WriteLineAsync("Usage : backup --to FICHIER [--database App_Data/portal.db]");
            return 2;
        }

        var source = database is null ? ConfiguredConnectionString(rest) : new SqliteConnectionStringBuilder { DataSource = database }.ToString();
        var sourcePath = new SqliteConnectionStringBuilder(source).DataSource;
        if (!File.Exists(sourcePath))
        {
            await output.WriteLineAsync($"Base introuvable : {sourcePath}");
            return 1;
        }

        var targetPath = Path.GetFullPath(target);
        Directory.CreateDirectory(Path.GetDirectoryName(targetPath)!);
        var partial = targetPath + ".partial";
        File.Delete(partial);
        var clock = Stopwatch.StartNew();
        await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder(source) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            await from.OpenAsync(cancellationToken);
            await to.OpenAsync(cancellationToken);
            from.BackupDatabase(to);

            // The copy is a single file: no WAL beside it, whatever the source's journal mode.
            await using var journal = to.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode=DELETE";
            await journal.ExecuteNonQueryAsync(cancellationToken);
            await using var check = to.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            var result = (string?)await check.ExecuteScalarAsync(cancellationToken);
            if (result != "ok")
            {
                await output.WriteLineAsync($"La copie ne passe pas le contrôle d'intégrité : {result}");
                return 1;
            }
        }

        File.Move(partial, targetPath, overwrite: true);
        var size = new FileInfo(targetPath).Length;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Sauvegarde de {sourcePath} dans {targetPath} : {size / 1024.0 / 1024.0:0.0} Mo en {clock.Elapsed.TotalSeconds:0.00} s, intégrité vérifiée."));
        return 0;
    }

    private static string ConfiguredConnectionString(List<string> args)
    {
        var builder = WebApplication.CreateBuilder(args.ToArray());
        var options = DatabaseServiceCollectionExtensions.ReadOptions(builder.Configuration);
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException("backup copies the embedded SQLite database; SQL Server has its own BACKUP DATABASE.");
        }

        return DatabaseServiceCollectionExtensions.ResolveConnectionString(options.Provider, builder.Configuration, builder.Environment);
    }
}
