using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace PartnershipPortal.Tests.Infrastructure;

/// <summary>
/// Seeded databases kept for the test process: the first portal started with given settings on a given day seeds its
/// own database as a first start does, and is copied here; the next ones with the same key start from a copy.
/// Seeding the demo data took 2 to 5 seconds of each portal's start, most of a short test class's time, and it ran
/// again for every mutant that mutation testing tries (docs/testing.md, "Seeded templates").
/// </summary>
internal static class SeededTemplates
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "portal-tests", "templates-" + Guid.NewGuid().ToString("N"));
    private static readonly ConcurrentDictionary<string, (string Folder, DateTimeOffset SeededAt)> Folders = new(StringComparer.Ordinal);
    private static readonly object Writing = new();

    static SeededTemplates() => AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(Root);

    /// <summary>
    /// Copies the template of <paramref name="key"/> to the portal's database and file store; false when there is none
    /// yet, or when it was seeded later in the day than <paramref name="now"/>: its rows would be dated in the portal's future.
    /// </summary>
    public static bool TryRestore(string key, DateTimeOffset now, string databasePath, string filesFolder)
    {
        if (!Folders.TryGetValue(key, out var template) || template.SeededAt > now)
        {
            return false;
        }

        var folder = template.Folder;

        File.Copy(Path.Combine(folder, "portal.db"), databasePath);
        CopyFolder(Path.Combine(folder, "files"), filesFolder);
        return true;
    }

    /// <summary>Keeps a copy of a portal's database and files just after its start, before any test has changed them.</summary>
    public static void Keep(string key, DateTimeOffset seededAt, string connectionString, string filesFolder)
    {
        lock (Writing)
        {
            if (Folders.ContainsKey(key))
            {
                return;
            }

            var folder = Path.Combine(Root, Folders.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            // The online backup reads a consistent state through SQLite itself, the write-ahead log included.
            using (var source = new SqliteConnection(connectionString))
            using (var copy = new SqliteConnection($"Data Source={Path.Combine(folder, "portal.db")};Pooling=False"))
            {
                source.Open();
                copy.Open();
                source.BackupDatabase(copy);
            }

            CopyFolder(filesFolder, Path.Combine(folder, "files"));
            Folders[key] = (folder, seededAt);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            // Uploads still being received are not part of what the portal keeps.
            if (relative.StartsWith(".incoming", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}
