namespace PartnershipPortal.Web.Infrastructure.Database;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start. With false the portal refuses to start on a database that lacks some.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
