using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Auditing;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Data.Seeding;
using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Web.Commands;

/// <summary>
/// Fills a new SQLite database with synthetic programme data for measurements:
/// <c>generate --projects 1000000 --years 2015-2024 [--database PATH] [--seed N]</c>.
/// The schema comes from the portal's own migrations; rows go in by prepared commands, one transaction per batch.
/// </summary>
public static class GenerateCommand
{
    public const string Name = "generate";

    private const int BatchSize = 50_000;
    private const string DefaultDatabase = "App_Data/synthetic.db";

    private static readonly string[] Cities =
        ["Rabat", "Casablanca", "Tanger", "Oujda", "Fès", "Marrakech", "Agadir", "Salé", "Nador", "Meknès", "Tétouan", "Kénitra", "Béni Mellal", "Laâyoune"];

    private static readonly string[] Titles =
        ["Cours de langue et de culture marocaines", "Soutien scolaire", "Ateliers artistiques interculturels", "Aide alimentaire et kits d'hygiène", "Colonie de vacances", "Accompagnement social"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        if (!Options.TryParse(args, out var options, out var error))
        {
            await output.WriteLineAsync(error);
            await output.WriteLineAsync("Usage : generate --projects 1000000 --years 2015-2024 [--database App_Data/synthetic.db] [--seed 42]");
            return 2;
        }

        var path = Path.GetFullPath(options.Database);
        if (File.Exists(path))
        {
            await output.WriteLineAsync($"La base {path} existe déjà : supprimez-la ou choisissez un autre --database.");
            return 1;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var watch = Stopwatch.StartNew();
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        var domainIds = await CreateSchemaAsync(connectionString, cancellationToken);

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;", cancellationToken);

        var generator = new Generator(connection, options, domainIds);
        await generator.RunAsync(cancellationToken);

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{PortalFormat.Count(generator.Projects)} projets, {PortalFormat.Count(generator.Conventions)} conventions, {PortalFormat.Count(generator.Associations)} associations, années {options.FirstYear}-{options.LastYear} : {path} en {watch.Elapsed.TotalSeconds:0.0} s."));
        return 0;
    }

    private static async Task<int[]> CreateSchemaAsync(string connectionString, CancellationToken cancellationToken)
    {
        var dbOptions = new DbContextOptionsBuilder<PortalDbContext>()
            .UseSqlite(connectionString, x => x.MigrationsAssembly("PartnershipPortal.Migrations.Sqlite"))
            .AddInterceptors(new AuditingInterceptor(new CommandActor(), TimeProvider.System))
            .Options;
        await using var db = new PortalDbContext(dbOptions);
        await db.Database.MigrateAsync(cancellationToken);
        await new ReferenceDataSeeder(db).SeedAsync(cancellationToken);
        return await db.Domains.OrderBy(d => d.DisplayOrder).Select(d => d.Id).ToArrayAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Text(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static string Text(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class CommandActor : ICurrentActor
    {
        public string? Name => "generate";
    }

    private sealed record Options(int ProjectCount, int FirstYear, int LastYear, string Database, int Seed)
    {
        public static bool TryParse(string[] args, out Options options, out string error)
        {
            options = new Options(1_000_000, 2015, 2024, DefaultDatabase, 20150101);
            error = "";
            for (var i = 0; i < args.Length; i++)
            {
                var value = i + 1 < args.Length ? args[i + 1] : null;
                switch (args[i])
                {
                    case "--projects" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var projects) && projects > 0:
                        options = options with { ProjectCount = projects };
                        break;
                    case "--years" when TryParseYears(value, out var first, out var last):
                        options = options with { FirstYear = first, LastYear = last };
                        break;
                    case "--database" when !string.IsNullOrWhiteSpace(value):
                        options = options with { Database = value };
                        break;
                    case "--seed" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seed):
                        options = options with { Seed = seed };
                        break;
                    default:
                        error = $"Option inconnue ou valeur invalide : {args[i]} {value}";
                        return false;
                }

                i++;
            }

            return true;
        }

        private static bool TryParseYears(string? text, out int first, out int last)
        {
            first = last = 0;
            var parts = text?.Split('-') ?? [];
            return parts.Length is 1 or 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out first)
                && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out last)
                && first is >= 2000 and <= 2100 && last >= first && last <= 2100;
        }
    }

    /// <summary>The rows: about one association per 200 projects, one to three projects per convention, a few cancellations and drafts.</summary>
    private sealed class Generator(SqliteConnection connection, Options options, int[] domainIds)
    {
        private readonly Random _random = new(options.Seed);
        private readonly DateTime _now = DateTime.UtcNow;
        private SqliteTransaction? _transaction;
        private int _pending;

        public int Associations { get; private set; }

        public int Conventions { get; private set; }

        public int Projects { get; private set; }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            Associations = Math.Max(50, options.ProjectCount / 200);
            await InsertAssociationsAsync(cancellationToken);

            var years = options.LastYear - options.FirstYear + 1;
            await using var convention = Prepare(
                "INSERT INTO Conventions (Reference, BudgetYear, Sequence, AssociationId, SigningDate, Status, TotalCentimes, CreatedAtUtc, CreatedBy, UpdatedAtUtc, UpdatedBy, Version) " +
                "VALUES ($reference, $year, $sequence, $association, $signed, $status, $total, $now, 'generate', $now, 'generate', $version)",
                "$reference", "$year", "$sequence", "$association", "$signed", "$status", "$total", "$now", "$version");
            await using var project = Prepare(
                "INSERT INTO Projects (ConventionId, BudgetYear, Title, DomainId, City, BeneficiariesCount, AmountCentimes, StartDate, EndDate, Status, CreatedAtUtc, CreatedBy, UpdatedAtUtc, UpdatedBy, Version) " +
                "VALUES ($convention, $year, $title, $domain, $city, $beneficiaries, $amount, $start, $end, $status, $now, 'generate', $now, 'generate', $version)",
                "$convention", "$year", "$title", "$domain", "$city", "$beneficiaries", "$amount", "$start", "$end", "$status", "$now", "$version");

            var conventionId = 0;
            for (var y = 0; y < years; y++)
            {
                var year = options.FirstYear + y;
                var target = (options.ProjectCount / years) + (y < options.ProjectCount % years ? 1 : 0);
                var sequence = 0;
                var made = 0;
                while (made < target)
                {
                    var count = Math.Min(target - made, 1 + _random.Next(3));
                    var amounts = Enumerable.Range(0, count).Select(_ => (long)(20 + _random.Next(280)) * 500 * 100).ToArray();
                    var signed = new DateOnly(year, 1 + _random.Next(12), 1 + _random.Next(28));
                    var association = 1 + _random.Next(Associations);
                    var city = Cities[association % Cities.Length];
                    var domain = domainIds[Skewed(domainIds.Length)];

                    await BeginBatchIfNeededAsync(convention, project, cancellationToken);
                    Set(convention, Convention.FormatReference(year, ++sequence), year, sequence, association, Text(signed),
                        ConventionStatus(), amounts.Sum(), Text(_now), Guid.NewGuid().ToString().ToUpperInvariant());
                    await convention.ExecuteNonQueryAsync(cancellationToken);
                    conventionId++;
                    Conventions++;

                    foreach (var amount in amounts)
                    {
                        var start = signed.AddDays(7 + _random.Next(30));
                        Set(project, conventionId, year, Titles[_random.Next(Titles.Length)] + " à " + city, domain, city,
                            20 + _random.Next(300), amount, Text(start), Text(start.AddMonths(3 + _random.Next(9))),
                            ProjectStatus(), Text(_now), Guid.NewGuid().ToString().ToUpperInvariant());
                        await project.ExecuteNonQueryAsync(cancellationToken);
                        Projects++;
                        made++;
                        _pending++;
                    }
                }
            }

            if (_transaction is not null)
            {
                await _transaction.CommitAsync(cancellationToken);
                await _transaction.DisposeAsync();
            }
        }

        private async Task InsertAssociationsAsync(CancellationToken cancellationToken)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var command = Prepare(
                "INSERT INTO Associations (Name, RegistrationNumber, City, Region, Status, CreatedAtUtc, CreatedBy, UpdatedAtUtc, UpdatedBy, Version) " +
                "VALUES ($name, $registration, $city, $region, 'Active', $now, 'generate', $now, 'generate', $version)",
                "$name", "$registration", "$city", "$region", "$now", "$version");
            command.Transaction = transaction;
            var regions = Enum.GetNames<Region>();
            for (var i = 1; i <= Associations; i++)
            {
                // SYN- numbers never collide with the demo data's MA-ASSO- ones.
                Set(command, $"Association synthétique {i.ToString(CultureInfo.InvariantCulture)}", $"SYN-{i.ToString("000000", CultureInfo.InvariantCulture)}",
                    Cities[i % Cities.Length], regions[i % regions.Length], Text(_now), Guid.NewGuid().ToString().ToUpperInvariant());
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        private async Task BeginBatchIfNeededAsync(SqliteCommand convention, SqliteCommand project, CancellationToken cancellationToken)
        {
            if (_transaction is not null && _pending < BatchSize)
            {
                return;
            }

            if (_transaction is not null)
            {
                await _transaction.CommitAsync(cancellationToken);
                await _transaction.DisposeAsync();
            }

            _transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            convention.Transaction = _transaction;
            project.Transaction = _transaction;
            _pending = 0;
        }

        private SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            return command;
        }

        private static void Set(SqliteCommand command, params object[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i];
            }
        }

        /// <summary>Education most often, then culture, humanitarian, camps: roughly the published proportions.</summary>
        private int Skewed(int count)
        {
            var roll = _random.Next(100);
            var index = roll < 50 ? 0 : roll < 75 ? 1 : roll < 88 ? 2 : 3;
            return Math.Min(index, count - 1);
        }

        private string ConventionStatus()
        {
            var roll = _random.Next(100);
            return roll switch
            {
                < 3 => nameof(Data.Entities.ConventionStatus.Draft),
                < 6 => nameof(Data.Entities.ConventionStatus.Cancelled),
                < 20 => nameof(Data.Entities.ConventionStatus.Signed),
                < 45 => nameof(Data.Entities.ConventionStatus.InProgress),
                _ => nameof(Data.Entities.ConventionStatus.Completed),
            };
        }

        private string ProjectStatus()
        {
            var roll = _random.Next(100);
            return roll switch
            {
                < 3 => nameof(Data.Entities.ProjectStatus.Cancelled),
                < 15 => nameof(Data.Entities.ProjectStatus.Planned),
                < 40 => nameof(Data.Entities.ProjectStatus.InProgress),
                _ => nameof(Data.Entities.ProjectStatus.Completed),
            };
        }
    }
}
