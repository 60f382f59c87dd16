using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using PartnershipPortal.Data;

namespace PartnershipPortal.Tests.Foundation;

/// <summary>
/// What a real SQL Server would reject but SQLite never checks, proven from the model alone:
/// no server is needed, so these run everywhere.
/// </summary>
public sealed class ModelTests
{
    public static PortalDbContext SqlServerContext() => new(new DbContextOptionsBuilder<PortalDbContext>()
        .UseSqlServer("Server=unreachable;Database=Portal;User Id=sa;Password=none;TrustServerCertificate=True",
            x => x.MigrationsAssembly("PartnershipPortal.Migrations.SqlServer"))
        .Options);

    public static PortalDbContext SqliteContext(string connectionString = "Data Source=:memory:") => new(new DbContextOptionsBuilder<PortalDbContext>()
        .UseSqlite(connectionString, x => x.MigrationsAssembly("PartnershipPortal.Migrations.Sqlite"))
        .Options);

    [Fact]
    public void SqlServer_migrations_match_the_model()
    {
        using var db = SqlServerContext();
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes the SQL Server migrations lack: add a migration for both providers (README).");
    }

    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = SqliteContext();
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes the SQLite migrations lack: add a migration for both providers (README).");
    }

    [Fact]
    public void Both_migration_sets_have_the_same_migrations()
    {
        using var sqlServer = SqlServerContext();
        using var sqlite = SqliteContext();
        Assert.Equal(
            sqlServer.Database.GetMigrations().Select(NameOf),
            sqlite.Database.GetMigrations().Select(NameOf));

        static string NameOf(string id) => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..];
    }

    [Fact]
    public void SqlServer_idempotent_script_can_be_generated()
    {
        using var db = SqlServerContext();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [Conventions]", script, StringComparison.Ordinal);
        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
    }

    [Fact]
    public void No_identifier_is_longer_than_SqlServer_allows()
    {
        using var db = SqlServerContext();
        var tooLong = Identifiers(db.GetService<IDesignTimeModel>().Model).Where(i => i.Length > 128).ToList();
        Assert.Empty(tooLong);
    }

    [Fact]
    public void Money_and_quantities_are_never_floating_point_and_every_decimal_has_a_precision()
    {
        using var db = SqlServerContext();
        var properties = db.GetService<IDesignTimeModel>().Model.GetEntityTypes().SelectMany(e => e.GetProperties()).ToList();

        var floating = properties
            .Where(p => Nullable.GetUnderlyingType(p.ClrType) is { } t ? t == typeof(double) || t == typeof(float) : p.ClrType == typeof(double) || p.ClrType == typeof(float))
            .Select(p => $"{p.DeclaringType.DisplayName()}.{p.Name}");
        Assert.Empty(floating);

        var decimalsWithoutPrecision = properties
            .Where(p => (Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType) == typeof(decimal) && p.GetPrecision() is null)
            .Select(p => $"{p.DeclaringType.DisplayName()}.{p.Name}");
        Assert.Empty(decimalsWithoutPrecision);
    }

    [Fact]
    public void Every_string_column_of_the_programme_has_an_explicit_length()
    {
        using var db = SqlServerContext();
        var unbounded = db.GetService<IDesignTimeModel>().Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties())
            .Where(p => p.PropertyInfo?.DeclaringType?.Namespace == "PartnershipPortal.Data.Entities")
            .Where(p => p.ClrType == typeof(string) && p.GetMaxLength() is null)
            .Select(p => $"{p.DeclaringType.DisplayName()}.{p.Name}");
        Assert.Empty(unbounded);
    }

    [Fact]
    public void No_table_is_reached_by_two_cascade_paths()
    {
        using var db = SqlServerContext();
        Assert.Empty(MultipleCascadePaths(db.GetService<IDesignTimeModel>().Model));
    }

    [Fact]
    public void Cascade_path_check_detects_a_diamond()
    {
        // The check itself must be able to fail: a model where Child is reached from Root twice.
        var builder = new ModelBuilder();
        builder.Entity<Root>();
        builder.Entity<Left>().HasOne<Root>().WithMany().HasForeignKey(l => l.RootId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<Right>().HasOne<Root>().WithMany().HasForeignKey(r => r.RootId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<Child>().HasOne<Left>().WithMany().HasForeignKey(c => c.LeftId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<Child>().HasOne<Right>().WithMany().HasForeignKey(c => c.RightId).OnDelete(DeleteBehavior.Cascade);

        Assert.Contains(MultipleCascadePaths(builder.FinalizeModel()), p => p.Contains("Child", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Identifiers(IModel model)
    {
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null)
            {
                continue;
            }

            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            yield return table;
            foreach (var property in entity.GetProperties())
            {
                yield return property.GetColumnName(store) ?? property.Name;
            }

            foreach (var index in entity.GetIndexes())
            {
                yield return index.GetDatabaseName() ?? "";
            }

            foreach (var key in entity.GetKeys())
            {
                yield return key.GetName() ?? "";
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                yield return foreignKey.GetConstraintName() ?? "";
            }
        }
    }

    /// <summary>SQL Server refuses a foreign key that would give a table a second ON DELETE CASCADE / SET NULL path from any table.</summary>
    public static List<string> MultipleCascadePaths(IReadOnlyModel model)
    {
        var edges = model.GetEntityTypes()
            .SelectMany(e => e.GetForeignKeys())
            .Where(fk => fk.DeleteBehavior is DeleteBehavior.Cascade or DeleteBehavior.SetNull)
            .Select(fk => (From: fk.PrincipalEntityType.GetTableName() ?? fk.PrincipalEntityType.Name,
                           To: fk.DeclaringEntityType.GetTableName() ?? fk.DeclaringEntityType.Name))
            .ToList();

        var problems = new List<string>();
        foreach (var root in edges.Select(e => e.From).Distinct())
        {
            var paths = new Dictionary<string, int>();
            Walk(root, root, 0);
            problems.AddRange(paths.Where(p => p.Value > 1).Select(p => $"{root} -> {p.Key} ({p.Value} paths)"));

            void Walk(string table, string path, int depth)
            {
                if (depth > 16)
                {
                    problems.Add($"cycle through {path}");
                    return;
                }

                foreach (var edge in edges.Where(e => e.From == table))
                {
                    paths[edge.To] = paths.GetValueOrDefault(edge.To) + 1;
                    Walk(edge.To, path + " -> " + edge.To, depth + 1);
                }
            }
        }

        return problems;
    }

    private sealed class Root
    {
        public int Id { get; set; }
    }

    private sealed class Left
    {
        public int Id { get; set; }

        public int RootId { get; set; }
    }

    private sealed class Right
    {
        public int Id { get; set; }

        public int RootId { get; set; }
    }

    private sealed class Child
    {
        public int Id { get; set; }

        public int LeftId { get; set; }

        public int RightId { get; set; }
    }
}
