using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Time.Testing;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Features.Echeances;
using PartnershipPortal.Web.Features.Payments;
using PartnershipPortal.Web.Features.Shared.Lists;

namespace PartnershipPortal.Tests.Payments;

/// <summary>
/// The follow-up and the money figures are built by EF for SQL Server too, where a query EF cannot translate would
/// fail only in production. No server is needed: the SQL is generated (<c>ToQueryString</c>), or the whole method
/// runs with the connection and the commands intercepted before they reach the network.
/// </summary>
public sealed class SqlServerTranslationTests
{
    private static readonly DateTimeOffset Now = new(2061, 12, 10, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string?> Kinds => [null, nameof(EcheanceKind.Report), nameof(EcheanceKind.TrancheToOrder), nameof(EcheanceKind.ConventionEnding), nameof(EcheanceKind.DocumentExpiring)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_follow_up_query_translates_for_SQL_Server_with_every_filter_and_paging(string? kind)
    {
        using var db = Foundation.ModelTests.SqlServerContext();
        var service = new EcheanceService(db, new FakeTimeProvider(Now), new KeyLocalizer(), new ListCache(Cache()), Cache());
        var query = new EcheanceListQuery { CallId = 3, Region = Region.Oriental, AgentId = "agent-1", Kind = kind is null ? null : Enum.Parse<EcheanceKind>(kind) };

        // The page reads each kind's first 50 keys (page 2 of 25) and keeps the second 25 of them; the export reads every line.
        var keys = service.PageKeys(query, 50).Skip(25).Take(25).ToQueryString();
        var lines = service.Query(query).ToQueryString();

        Assert.Contains("FETCH NEXT", keys, StringComparison.Ordinal);
        Assert.Contains("TOP(", keys, StringComparison.Ordinal);
        Assert.Contains("[Conventions]", keys, StringComparison.Ordinal);
        Assert.Equal(kind is null, keys.Contains("UNION ALL", StringComparison.Ordinal));
        Assert.Contains("[Associations]", lines, StringComparison.Ordinal);
        Assert.Equal(kind is null, lines.Contains("UNION ALL", StringComparison.Ordinal));
    }

    [Fact]
    public void The_unfiltered_follow_up_leaves_out_the_conventions_not_followed_by_one_list_on_SQL_Server()
    {
        using var db = Foundation.ModelTests.SqlServerContext();
        var service = new EcheanceService(db, new FakeTimeProvider(Now), new KeyLocalizer(), new ListCache(Cache()), Cache());

        var sql = service.PageKeys(new EcheanceListQuery(), 50).Skip(25).Take(25).ToQueryString();

        Assert.Contains("[ConventionId] NOT IN (", sql, StringComparison.Ordinal);
        Assert.Contains("[Status] IN (N'Draft', N'Cancelled', N'Terminated')", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_follow_up_list_runs_its_count_and_its_page_on_SQL_Server()
    {
        var commands = new CapturingInterceptor();
        await using var db = SqlServer(commands);
        var service = new EcheanceService(db, new FakeTimeProvider(Now), new KeyLocalizer(), new ListCache(Cache()), Cache());

        var page = await service.ListAsync(new EcheanceListQuery { Region = Region.Oriental }, CancellationToken.None);

        Assert.Empty(page.Items);
        Assert.Equal(2, commands.Sql.Count);
        Assert.StartsWith("SELECT COUNT(*)", commands.Sql[0].TrimStart(), StringComparison.Ordinal);
        Assert.Contains("UNION ALL", commands.Sql[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2061, null)]
    [InlineData(null, 4)]
    public async Task The_money_figures_run_their_three_sums_on_SQL_Server(int? year, int? callId)
    {
        var commands = new CapturingInterceptor();
        await using var db = SqlServer(commands);

        var figures = await MoneyFiguresViewComponent.ComputeAsync(db, year, callId, 1_000_00, CancellationToken.None);

        Assert.Equal(new MoneyFigures(0, 0, 0, 1_000_00), figures);
        Assert.Equal(3, commands.Sql.Count);
        Assert.All(commands.Sql, sql => Assert.Contains("SUM(", sql, StringComparison.Ordinal));
        Assert.Contains("[TotalCentimes]", commands.Sql[0], StringComparison.Ordinal);
        Assert.Contains("[PaymentTranches]", commands.Sql[1], StringComparison.Ordinal);
        Assert.Contains("[TranchePayments]", commands.Sql[2], StringComparison.Ordinal);
    }

    private static BilanCache Cache() => new(new MemoryCache(new MemoryCacheOptions()));

    private static PortalDbContext SqlServer(CapturingInterceptor interceptor) => new(new DbContextOptionsBuilder<PortalDbContext>()
        .UseSqlServer("Server=unreachable;Database=Portal;User Id=sa;Password=none;TrustServerCertificate=True",
            x => x.MigrationsAssembly("PartnershipPortal.Migrations.SqlServer"))
        .AddInterceptors(interceptor)
        .Options);

    /// <summary>
    /// Keeps each statement and answers it without a server: a count or a sum with one zero, anything else with no row.
    /// The connection is never opened.
    /// </summary>
    private sealed class CapturingInterceptor : DbCommandInterceptor, IDbConnectionInterceptor
    {
        public List<string> Sql { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Sql.Add(command.CommandText);
            var table = new DataTable();
            var text = command.CommandText.TrimStart();
            if (text.StartsWith("SELECT COUNT(", StringComparison.Ordinal))
            {
                table.Columns.Add("c", typeof(int));
                table.Rows.Add(0);
            }
            else if (text.Contains("SUM(", StringComparison.Ordinal))
            {
                table.Columns.Add("s", typeof(long));
                table.Rows.Add(0L);
            }

            return ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(table.CreateDataReader()));
        }

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult.Suppress());

        public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            ValueTask.FromResult(InterceptionResult.Suppress());
    }

    private sealed class KeyLocalizer : IStringLocalizer<SharedResource>
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(System.Globalization.CultureInfo.InvariantCulture, name, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
