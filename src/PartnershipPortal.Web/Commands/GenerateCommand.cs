using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Auditing;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Data.Seeding;
using PartnershipPortal.Web.Features.Payments;
using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Web.Commands;

/// <summary>
/// Fills a new SQLite database with synthetic programme data for measurements:
/// <c>generate --projects 1000000 --years 2015-2024 [--database PATH] [--seed N] [--applications 2000 [--reviewers 5]]</c>.
/// With --applications, one more call (<see cref="SelectionCallReference"/>) receives that many admissible applications,
/// each scored on every criterion by every one of its reviewers: the ranking page's measurement.
/// The schema comes from the portal's own migrations; rows go in by prepared commands, one transaction per batch.
/// </summary>
public static class GenerateCommand
{
    public const string Name = "generate";

    public const string SelectionCallReference = "AAP-GEN-SELECTION";

    private const int BatchSize = 50_000;
    private const string DefaultDatabase = "App_Data/synthetic.db";

    internal static readonly string[] Cities =
        ["Rabat", "Casablanca", "Tanger", "Oujda", "Fès", "Marrakech", "Agadir", "Salé", "Nador", "Meknès", "Tétouan", "Kénitra", "Béni Mellal", "Laâyoune"];

    private static readonly string[] Titles =
        ["Cours de langue et de culture marocaines", "Soutien scolaire", "Ateliers artistiques interculturels", "Aide alimentaire et kits d'hygiène", "Colonie de vacances", "Accompagnement social"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        if (!Options.TryParse(args, out var options, out var error))
        {
            await output.WriteLineAsync(error);
            await output.WriteLineAsync("Usage : generate --projects 1000000 --years 2015-2024 [--database App_Data/synthetic.db] [--seed 42] [--applications 2000 [--reviewers 5]]");
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
        var selection = options.Applications > 0
            ? await CreateSelectionCallAsync(connectionString, options, domainIds[0], cancellationToken)
            : null;

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;", cancellationToken);

        var generator = new Generator(connection, options, domainIds);
        await generator.RunAsync(cancellationToken);
        if (selection is not null)
        {
            await generator.RunSelectionAsync(selection, cancellationToken);
        }

        var applications = selection is null ? "" : string.Create(CultureInfo.InvariantCulture,
            $", appel {SelectionCallReference} : {PortalFormat.Count(generator.Applications)} candidatures, {PortalFormat.Count(generator.Reviews)} évaluations");
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{PortalFormat.Count(generator.Projects)} projets, {PortalFormat.Count(generator.Conventions)} conventions, {PortalFormat.Count(generator.Associations)} associations, années {options.FirstYear}-{options.LastYear}{applications} : {path} en {watch.Elapsed.TotalSeconds:0.0} s."));
        return 0;
    }

    private static async Task<int[]> CreateSchemaAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var db = new PortalDbContext(ContextOptions(connectionString));
        await db.Database.MigrateAsync(cancellationToken);
        await new ReferenceDataSeeder(db).SeedAsync(cancellationToken);
        return await db.Domains.OrderBy(d => d.DisplayOrder).Select(d => d.Id).ToArrayAsync(cancellationToken);
    }

    /// <summary>The selection call, its grid and its reviewers (accounts in the Reviewer role, assigned to it): few rows, through the model.</summary>
    private static async Task<SelectionCall> CreateSelectionCallAsync(string connectionString, Options options, int domainId, CancellationToken cancellationToken)
    {
        await using var db = new PortalDbContext(ContextOptions(connectionString));
        var domain = await db.Domains.SingleAsync(d => d.Id == domainId, cancellationToken);
        var call = new CallForProjects
        {
            Reference = SelectionCallReference, Title = "Appel synthétique pour la mesure du classement", Year = options.LastYear,
            Status = CallForProjectsStatus.Closed, BudgetEnvelopeCentimes = (long)options.Applications * 40_000 * 100,
            MaxPerProjectCentimes = 150_000L * 100, Domains = [domain],
            Criteria =
            [
                new ScoringCriterion { Label = "Pertinence", Weight = 3, Maximum = 10, DisplayOrder = 0 },
                new ScoringCriterion { Label = "Capacité de l'association", Weight = 2, Maximum = 10, DisplayOrder = 1 },
                new ScoringCriterion { Label = "Budget", Weight = 2, Maximum = 5, DisplayOrder = 2 },
                new ScoringCriterion { Label = "Impact", Weight = 1, Maximum = 20, DisplayOrder = 3 },
            ],
        };
        db.Calls.Add(call);
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == Roles.Reviewer, cancellationToken);
        if (role is null)
        {
            // The portal's start creates the roles it misses; this one is needed now, under the same normalized name.
            role = new Microsoft.AspNetCore.Identity.IdentityRole(Roles.Reviewer) { NormalizedName = Roles.Reviewer.ToUpperInvariant() };
            db.Roles.Add(role);
        }

        var reviewers = new List<string>();
        for (var i = 1; i <= options.Reviewers; i++)
        {
            // No password: these accounts exist to be named in the reviews, nobody signs in with them.
            var email = string.Create(CultureInfo.InvariantCulture, $"evaluateur.synthetique{i}@portail.test");
            var user = new ApplicationUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, FullName = string.Create(CultureInfo.InvariantCulture, $"Évaluateur synthétique {i}"),
                SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            db.Users.Add(user);
            db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
            db.ReviewerAssignments.Add(new ReviewerAssignment { CallForProjects = call, UserId = user.Id });
            reviewers.Add(user.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new SelectionCall(call.Id, call.Year, domainId, call.Criteria.OrderBy(c => c.DisplayOrder).Select(c => (c.Id, c.Maximum)).ToArray(), reviewers);
    }

    private static DbContextOptions<PortalDbContext> ContextOptions(string connectionString) =>
        new DbContextOptionsBuilder<PortalDbContext>()
            .UseSqlite(connectionString, x => x.MigrationsAssembly("PartnershipPortal.Migrations.Sqlite"))
            .AddInterceptors(ProjectRegionInterceptor.Instance, new AuditingInterceptor(new CommandActor(), TimeProvider.System))
            .Options;

    private sealed record SelectionCall(int Id, int Year, int DomainId, (int Id, int Maximum)[] Criteria, IReadOnlyList<string> ReviewerIds);

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

    private sealed record Options(int ProjectCount, int FirstYear, int LastYear, string Database, int Seed, int Applications = 0, int Reviewers = 5)
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
                    // CAND-{year}-{0000}: four digits of acknowledgement numbers.
                    case "--applications" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var applications) && applications is > 0 and <= 9999:
                        options = options with { Applications = applications };
                        break;
                    case "--reviewers" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var reviewers) && reviewers is > 0 and <= 50:
                        options = options with { Reviewers = reviewers };
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
                && BudgetYears.Contains(first) && last >= first && BudgetYears.Contains(last);
        }
    }

    /// <summary>The rows: about one association per 200 projects, one to three projects per convention, a few cancellations and drafts.</summary>
    private sealed class Generator(SqliteConnection connection, Options options, int[] domainIds)
    {
        private readonly Random _random = new(options.Seed);
        private readonly DateTime _now = DateTime.UtcNow;
        private SqliteTransaction? _transaction;
        private int _pending;
        private int _trancheId;

        public int Associations { get; private set; }

        public int Conventions { get; private set; }

        public int Projects { get; private set; }

        public int Applications { get; private set; }

        public int Reviews { get; private set; }

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
                "INSERT INTO Projects (ConventionId, BudgetYear, Title, DomainId, City, Region, BeneficiariesCount, AmountCentimes, StartDate, EndDate, Status, CreatedAtUtc, CreatedBy, UpdatedAtUtc, UpdatedBy, Version) " +
                "VALUES ($convention, $year, $title, $domain, $city, $region, $beneficiaries, $amount, $start, $end, $status, $now, 'generate', $now, 'generate', $version)",
                "$convention", "$year", "$title", "$domain", "$city", "$region", "$beneficiaries", "$amount", "$start", "$end", "$status", "$now", "$version");

            await using var tranche = Prepare(
                "INSERT INTO PaymentTranches (ConventionId, Number, PlannedDate, PlannedAmountCentimes, IsBalance, OrderNumber, OrderedOn, ReleasedOn, CreatedAtUtc, CreatedBy, UpdatedAtUtc, UpdatedBy, Version) " +
                "VALUES ($convention, $number, $planned, $amount, $balance, $order, $ordered, $released, $now, 'generate', $now, 'generate', $version)",
                "$convention", "$number", "$planned", "$amount", "$balance", "$order", "$ordered", "$released", "$now", "$version");
            await using var payment = Prepare(
                "INSERT INTO TranchePayments (TrancheId, PaidOn, AmountCentimes, CreatedAtUtc, CreatedBy, UpdatedAtUtc, UpdatedBy, Version) " +
                "VALUES ($tranche, $paid, $amount, $now, 'generate', $now, 'generate', $version)",
                "$tranche", "$paid", "$amount", "$now", "$version");
            await using var report = Prepare(
                "INSERT INTO ConventionReports (ConventionId, Kind, DueDate, Status, SubmittedAtUtc, ApprovedAtUtc, ApprovedBy, CreatedAtUtc, CreatedBy, UpdatedAtUtc, UpdatedBy, Version) " +
                "VALUES ($convention, $kind, $due, $status, $submitted, $approved, $approver, $now, 'generate', $now, 'generate', $version)",
                "$convention", "$kind", "$due", "$status", "$submitted", "$approved", "$approver", "$now", "$version");
            SqliteCommand[] batch = [convention, project, tranche, payment, report];

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
                    // Every city of the list is in the map (tested): the region is the city's, as the portal derives it.
                    var region = CityRegions.Of(city)!.Value.ToString();
                    var domain = domainIds[Skewed(domainIds.Length)];

                    await BeginBatchIfNeededAsync(batch, cancellationToken);
                    var status = ConventionStatus();
                    Set(convention, Convention.FormatReference(year, ++sequence), year, sequence, association, Text(signed),
                        status, amounts.Sum(), Text(_now), Guid.NewGuid().ToString().ToUpperInvariant());
                    await convention.ExecuteNonQueryAsync(cancellationToken);
                    conventionId++;
                    Conventions++;

                    var (firstStart, lastEnd) = (DateOnly.MaxValue, DateOnly.MinValue);
                    foreach (var amount in amounts)
                    {
                        var start = signed.AddDays(7 + _random.Next(30));
                        var end = start.AddMonths(3 + _random.Next(9));
                        (firstStart, lastEnd) = (start < firstStart ? start : firstStart, end > lastEnd ? end : lastEnd);
                        Set(project, conventionId, year, Titles[_random.Next(Titles.Length)] + " à " + city, domain, city, region,
                            20 + _random.Next(300), amount, Text(start), Text(end),
                            ProjectStatus(), Text(_now), Guid.NewGuid().ToString().ToUpperInvariant());
                        await project.ExecuteNonQueryAsync(cancellationToken);
                        Projects++;
                        made++;
                        _pending++;
                    }

                    await InsertFollowUpAsync(tranche, payment, report, conventionId, status, signed, firstStart, lastEnd, amounts.Sum(), cancellationToken);
                }
            }

            if (_transaction is not null)
            {
                await _transaction.CommitAsync(cancellationToken);
                await _transaction.DisposeAsync();
            }
        }

        /// <summary>The selection call's applications, all admissible, each with a completed review by every reviewer.</summary>
        public async Task RunSelectionAsync(SelectionCall call, CancellationToken cancellationToken)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var application = Prepare(
                "INSERT INTO Applications (AcknowledgementNumber, CallForProjectsId, AssociationId, Status, ProjectTitle, DomainId, Region, City, Summary, " +
                "PlannedChildren, RequestedAmountCentimes, SubmittedAtUtc, CreatedAtUtc, CreatedBy, UpdatedAtUtc, UpdatedBy, Version) " +
                "VALUES ($number, $call, $association, 'Admissible', $title, $domain, $region, $city, $summary, $children, $amount, $submitted, $now, 'generate', $now, 'generate', $version); " +
                "SELECT last_insert_rowid();",
                "$number", "$call", "$association", "$title", "$domain", "$region", "$city", "$summary", "$children", "$amount", "$submitted", "$now", "$version");
            await using var review = Prepare(
                "INSERT INTO Reviews (ApplicationId, ReviewerId, Conflict, DeclaredAtUtc, CompletedAtUtc, CreatedAtUtc, CreatedBy, UpdatedAtUtc, UpdatedBy, Version) " +
                "VALUES ($application, $reviewer, 'NoConflict', $now, $now, $now, 'generate', $now, 'generate', $version); SELECT last_insert_rowid();",
                "$application", "$reviewer", "$now", "$version");
            await using var score = Prepare(
                "INSERT INTO ReviewScores (ReviewId, ScoringCriterionId, Score, Comment, CreatedAtUtc, CreatedBy, UpdatedAtUtc, UpdatedBy, Version) " +
                "VALUES ($review, $criterion, $score, $comment, $now, 'generate', $now, 'generate', $version)",
                "$review", "$criterion", "$score", "$comment", "$now", "$version");
            application.Transaction = review.Transaction = score.Transaction = transaction;
            var regions = Enum.GetNames<Region>();
            var now = Text(_now);
            for (var i = 1; i <= options.Applications; i++)
            {
                var association = 1 + _random.Next(Associations);
                var city = Cities[association % Cities.Length];
                Set(application, Application.FormatNumber(call.Year, i), call.Id, association, Titles[_random.Next(Titles.Length)] + " à " + city,
                    call.DomainId, regions[association % regions.Length], city, "Projet synthétique pour la mesure du classement.",
                    20 + _random.Next(300), (long)(20 + _random.Next(280)) * 500 * 100, Text(_now.AddMinutes(-i)), now,
                    Guid.NewGuid().ToString().ToUpperInvariant());
                var applicationId = (long)(await application.ExecuteScalarAsync(cancellationToken))!;
                Applications++;
                foreach (var reviewer in call.ReviewerIds)
                {
                    Set(review, applicationId, reviewer, now, Guid.NewGuid().ToString().ToUpperInvariant());
                    var reviewId = (long)(await review.ExecuteScalarAsync(cancellationToken))!;
                    Reviews++;
                    foreach (var (criterionId, maximum) in call.Criteria)
                    {
                        Set(score, reviewId, criterionId, _random.Next(maximum + 1), _random.Next(4) == 0 ? "Commentaire synthétique." : DBNull.Value,
                            now, Guid.NewGuid().ToString().ToUpperInvariant());
                        await score.ExecuteNonQueryAsync(cancellationToken);
                    }
                }
            }

            await transaction.CommitAsync(cancellationToken);
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

        /// <summary>
        /// The money and the obligations of a signed convention, as the default rules propose them at signature
        /// (<see cref="PaymentSchedule"/>, Rules:Tranches and Rules:Reports). A completed convention is paid in full with its
        /// reports approved; one in progress has its first tranche paid and its interim report approved; a signed one only
        /// its first tranche paid. The years generated are past, so the unpaid balances and the reports still due make
        /// /Echeances a national-scale list.
        /// </summary>
        private async Task InsertFollowUpAsync(
            SqliteCommand tranche, SqliteCommand payment, SqliteCommand report, int conventionId, string status,
            DateOnly signed, DateOnly start, DateOnly end, long total, CancellationToken cancellationToken)
        {
            var completed = status == nameof(Data.Entities.ConventionStatus.Completed);
            var inProgress = status == nameof(Data.Entities.ConventionStatus.InProgress);
            if (!completed && !inProgress && status != nameof(Data.Entities.ConventionStatus.Signed))
            {
                return;
            }

            var reports = PaymentSchedule.ProposeReports(conventionId, start, end, DefaultReportRules);
            var finalDue = reports[^1].DueDate;
            foreach (var proposed in PaymentSchedule.ProposeTranches(conventionId, total, signed, finalDue, DefaultTrancheRules))
            {
                var paid = completed || proposed.Number == 1 ? proposed.PlannedDate.AddDays(20) : (DateOnly?)null;
                var order = paid is null ? null : $"OP-{signed.Year.ToString(CultureInfo.InvariantCulture)}-{conventionId.ToString(CultureInfo.InvariantCulture)}-{proposed.Number.ToString(CultureInfo.InvariantCulture)}";
                // A completed convention's final report was approved 15 days after it was due (below): its balance was released then.
                var released = PaymentSchedule.ReleasedOn(proposed.IsBalance, proposed.PlannedDate, completed ? finalDue.AddDays(15) : null);
                Set(tranche, conventionId, proposed.Number, Text(proposed.PlannedDate), proposed.PlannedAmountCentimes, proposed.IsBalance ? 1 : 0,
                    (object?)order ?? DBNull.Value, paid is { } p ? Text(p.AddDays(-10)) : DBNull.Value, released is { } r ? Text(r) : DBNull.Value,
                    Text(_now), Guid.NewGuid().ToString().ToUpperInvariant());
                await tranche.ExecuteNonQueryAsync(cancellationToken);
                _trancheId++;
                if (paid is { } paidOn)
                {
                    Set(payment, _trancheId, Text(paidOn), proposed.PlannedAmountCentimes, Text(_now), Guid.NewGuid().ToString().ToUpperInvariant());
                    await payment.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            foreach (var proposed in reports)
            {
                var approved = completed || (inProgress && proposed.Kind == ReportKind.Interim);
                var submittedAt = proposed.DueDate.ToDateTime(new TimeOnly(9, 0));
                Set(report, conventionId, proposed.Kind.ToString(), Text(proposed.DueDate), approved ? nameof(ReportStatus.Approved) : nameof(ReportStatus.Due),
                    approved ? Text(submittedAt) : DBNull.Value, approved ? Text(submittedAt.AddDays(15)) : DBNull.Value,
                    approved ? "generate" : DBNull.Value, Text(_now), Guid.NewGuid().ToString().ToUpperInvariant());
                await report.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        private static readonly TrancheRules DefaultTrancheRules = new();
        private static readonly ReportRules DefaultReportRules = new();

        private async Task BeginBatchIfNeededAsync(SqliteCommand[] commands, CancellationToken cancellationToken)
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
            foreach (var command in commands)
            {
                command.Transaction = _transaction;
            }

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
