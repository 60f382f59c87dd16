using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Auditing;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using PartnershipPortal.Web.Features.Applications;
using PartnershipPortal.Web.Infrastructure.Email;
using static PartnershipPortal.Tests.Applications.ApplicationTestKit;

namespace PartnershipPortal.Tests.Applications;

/// <summary>
/// The limits of the acknowledgement number's retry, made to happen every time: a submission whose number is taken at
/// each try gives up after ten, and a save that fails for another reason is not retried under another number. Each
/// test on a clock moved to a year of its own.
/// </summary>
public sealed class AcknowledgementRetryTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    [Fact]
    public async Task A_submission_whose_number_is_taken_at_every_try_gives_up_after_ten_and_saves_nothing()
    {
        var call = await CreateOpenCallAsync(factory, null);
        factory.Clock.SetUtcNow(new DateTimeOffset(2044, 5, 4, 10, 0, 0, TimeSpan.Zero));
        var association = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var intruder = new TakesTheNumberFirst(factory.ConnectionString, call.Id, association, times: 50);
        var reads = new CountsNumberReads();

        await Assert.ThrowsAsync<DbUpdateException>(() => SubmitAsync(call, association, "Toujours devancée", intruder, reads));

        // Ten numbers read, ten taken by the other submissions; this one is saved under none of them, and mails nobody.
        Assert.Equal(10, reads.Count);
        var numbers = await factory.WithDbAsync(db => db.Applications.Where(a => a.AcknowledgementNumber!.StartsWith("CAND-2044-"))
            .OrderBy(a => a.AcknowledgementNumber).Select(a => new { a.AcknowledgementNumber, a.ProjectTitle }).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 10).Select(n => ($"CAND-2044-{n:0000}", "intruse")), numbers.Select(a => (a.AcknowledgementNumber!, a.ProjectTitle)));
        Assert.False(await factory.WithDbAsync(db => db.Applications.AnyAsync(a => a.ProjectTitle == "Toujours devancée")));
        Assert.DoesNotContain(await factory.WithDbAsync(db => db.OutboxMails.Select(m => m.Subject + " " + m.Body).ToListAsync()),
            m => m.Contains("Toujours devancée", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_submission_that_fails_for_another_reason_is_not_retried_under_another_number()
    {
        var call = await CreateOpenCallAsync(factory, null);
        factory.Clock.SetUtcNow(new DateTimeOffset(2045, 5, 4, 10, 0, 0, TimeSpan.Zero));
        var association = await SecurityTestKit.DemoAssociationIdAsync(factory);
        // Numbered applications of other years are there to be found by a check that would not look at the number.
        await factory.WithDbAsync(async db =>
        {
            db.Applications.Add(new Application { CallForProjectsId = call.Id, AssociationId = association, ProjectTitle = "D'une autre année", AcknowledgementNumber = "CAND-2043-0007", Status = ApplicationStatus.Submitted });
            await db.SaveChangesAsync();
        });
        // The call is deleted between the check that it is open and the save: the application's foreign key refuses it.
        var deletesTheCall = new SavesFirst(factory.ConnectionString, async (other, ct) =>
        {
            await other.Applications.Where(a => a.CallForProjectsId == call.Id).ExecuteDeleteAsync(ct);
            await other.Calls.Where(c => c.Id == call.Id).ExecuteDeleteAsync(ct);
        });
        var reads = new CountsNumberReads();

        await Assert.ThrowsAsync<DbUpdateException>(() => SubmitAsync(call, association, "Appel supprimé", deletesTheCall, reads));

        Assert.Equal(1, reads.Count);
        Assert.False(await factory.WithDbAsync(db => db.Applications.AnyAsync(a => a.ProjectTitle == "Appel supprimé")));
    }

    private async Task<ApplicationSaveResult> SubmitAsync(TestCall call, int association, string title, IInterceptor interloper, CountsNumberReads reads)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(factory.ConnectionString)
            .AddInterceptors(scope.ServiceProvider.GetRequiredService<AuditingInterceptor>(), interloper, reads).Options);
        var service = ActivatorUtilities.CreateInstance<ApplicationService>(scope.ServiceProvider, db,
            ActivatorUtilities.CreateInstance<ApplicationMailer>(scope.ServiceProvider, db, ActivatorUtilities.CreateInstance<MailOutbox>(scope.ServiceProvider, db)));
        return await service.CreateAsync(association, call.Id, ServiceForm(call.DomainId, title, 2044), submit: true, CancellationToken.None);
    }
    /// <summary>Counts the reads of a year's last acknowledgement number.</summary>
    private sealed class CountsNumberReads : DbCommandInterceptor
    {
        public int Count { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("MAX(", StringComparison.OrdinalIgnoreCase) && command.CommandText.Contains("AcknowledgementNumber", StringComparison.Ordinal))
            {
                Count++;
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>
    /// Just before the submission's save opens its transaction, saves another application under the number the
    /// submission holds, <paramref name="times"/> times at most.
    /// </summary>
    private sealed class TakesTheNumberFirst(string connectionString, int callId, int associationId, int times) : DbTransactionInterceptor
    {
        private int _left = times;

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            var waiting = eventData.Context!.ChangeTracker.Entries<Application>().SingleOrDefault(e => e.State == EntityState.Added)?.Entity;
            if (waiting?.AcknowledgementNumber is { } number && _left-- > 0)
            {
                await using var other = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(connectionString).Options);
                other.Applications.Add(new Application
                {
                    CallForProjectsId = callId, AssociationId = associationId, ProjectTitle = "intruse", AcknowledgementNumber = number, Status = ApplicationStatus.Submitted,
                });
                await other.SaveChangesAsync(cancellationToken);
            }

            return result;
        }
    }
}
