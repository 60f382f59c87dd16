using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using PartnershipPortal.Web.Infrastructure.Email;

namespace PartnershipPortal.Tests.Mail;

/// <summary>
/// The outbox and its SMTP sender against a real SMTP server on loopback: delivery, encoded subjects, a server down
/// then up, a refused recipient, two instances sending at once, and the mail saved with what caused it or not at all.
/// </summary>
public sealed class MailOutboxTests
{
    private const string ArabicResetSubject = "إعادة تعيين كلمة المرور الخاصة بكم";
    private const string FrenchResetSubject = "Réinitialisation de votre mot de passe";

    [Fact]
    public async Task Reset_mails_reach_the_SMTP_server_with_French_and_Arabic_subjects_encoded_in_the_headers()
    {
        await using var smtp = new LoopbackSmtpServer();
        smtp.Start();
        using var factory = SmtpFactory(new PortalFactory(), smtp);
        await factory.WithDbAsync(async db =>
        {
            var agent = await db.Users.SingleAsync(u => u.Email == "agent@portail.test");
            agent.PreferredCulture = "ar";
            var manager = await db.Users.SingleAsync(u => u.Email == "manager@portail.test");
            manager.PreferredCulture = "fr";
            await db.SaveChangesAsync();
        });
        using var client = SecurityTestKit.AnonymousClient(factory);

        await RequestResetAsync(client, "agent@portail.test");
        await RequestResetAsync(client, "manager@portail.test");
        Assert.Equal(2, await factory.DeliverMailAsync());

        var arabic = Assert.Single(smtp.Messages, m => m.Message.To.Mailboxes.Single().Address == "agent@portail.test");
        var french = Assert.Single(smtp.Messages, m => m.Message.To.Mailboxes.Single().Address == "manager@portail.test");
        Assert.Equal(ArabicResetSubject, arabic.Message.Subject);
        Assert.Equal(FrenchResetSubject, french.Message.Subject);
        foreach (var received in new[] { arabic, french })
        {
            // Headers must be 7-bit: the subject travels as RFC 2047 encoded words, never as raw UTF-8.
            var headers = received.RawText[..received.RawText.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
            Assert.All(headers, c => Assert.True(c < 128, $"A raw non-ASCII character in the headers: {headers}"));
            Assert.Contains("Subject: =?utf-8?", headers, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("https://localhost/Account/ResetPassword?userId=", received.Message.TextBody, StringComparison.Ordinal);
        }

        var rows = await factory.WithDbAsync(db => db.OutboxMails.AsNoTracking().ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.NotNull(r.SentAtUtc));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
    }

    [Fact]
    public async Task A_mail_waits_while_the_server_is_down_and_goes_once_when_it_is_back()
    {
        await using var smtp = new LoopbackSmtpServer();
        using var factory = SmtpFactory(new ClockedPortalFactory(), smtp);
        factory.Settings["Email:Outbox:FirstRetryDelay"] = "00:00:30";
        using var client = SecurityTestKit.AnonymousClient(factory);
        await RequestResetAsync(client, "agent@portail.test");

        // Down: the port refuses connections.
        Assert.Equal(0, await factory.DeliverMailAsync());
        var waiting = await factory.WithDbAsync(db => db.OutboxMails.AsNoTracking().SingleAsync());
        Assert.Null(waiting.SentAtUtc);
        Assert.Null(waiting.FailedAtUtc);
        Assert.Equal(1, waiting.Attempts);
        Assert.False(string.IsNullOrEmpty(waiting.LastError));
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(30), waiting.NextAttemptAtUtc);

        // Up, but the retry is not due yet: nothing is sent before its time.
        smtp.Start();
        Assert.Equal(0, await factory.DeliverMailAsync());
        Assert.Empty(smtp.Messages);

        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await factory.DeliverMailAsync());
        Assert.Equal(0, await factory.DeliverMailAsync());
        var received = Assert.Single(smtp.Messages);
        Assert.Equal("agent@portail.test", received.Message.To.Mailboxes.Single().Address);
        var sent = await factory.WithDbAsync(db => db.OutboxMails.AsNoTracking().SingleAsync());
        Assert.Equal(2, sent.Attempts);
        Assert.NotNull(sent.SentAtUtc);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task Each_failure_doubles_the_delay_before_the_next_attempt()
    {
        await using var smtp = new LoopbackSmtpServer();
        using var factory = SmtpFactory(new ClockedPortalFactory(), smtp);
        factory.Settings["Email:Outbox:FirstRetryDelay"] = "00:00:10";
        factory.Settings["Email:Outbox:MaxRetryDelay"] = "00:00:35";
        using var client = SecurityTestKit.AnonymousClient(factory);
        await RequestResetAsync(client, "agent@portail.test");

        var delays = new List<TimeSpan>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var before = factory.Clock.GetUtcNow().UtcDateTime;
            await factory.DeliverMailAsync();
            var row = await factory.WithDbAsync(db => db.OutboxMails.AsNoTracking().SingleAsync());
            delays.Add(row.NextAttemptAtUtc - before);
            factory.Clock.Advance(row.NextAttemptAtUtc - before);
        }

        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(35), TimeSpan.FromSeconds(35)], delays);
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_for_good_is_marked_failed_and_never_retried()
    {
        await using var smtp = new LoopbackSmtpServer();
        smtp.RefusedRecipients["manager@portail.test"] = true;
        smtp.Start();
        using var factory = SmtpFactory(new ClockedPortalFactory(), smtp);
        using var client = SecurityTestKit.AnonymousClient(factory);
        await RequestResetAsync(client, "manager@portail.test");
        await RequestResetAsync(client, "agent@portail.test");

        Assert.Equal(1, await factory.DeliverMailAsync());
        var refused = await factory.WithDbAsync(db => db.OutboxMails.AsNoTracking().SingleAsync(m => m.To == "manager@portail.test"));
        Assert.NotNull(refused.FailedAtUtc);
        Assert.Null(refused.SentAtUtc);
        Assert.Contains("550", refused.LastError, StringComparison.Ordinal);

        factory.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, await factory.DeliverMailAsync());
        Assert.Equal("agent@portail.test", Assert.Single(smtp.Messages).Message.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Two_instances_sending_at_once_deliver_every_mail_exactly_once()
    {
        await using var smtp = new LoopbackSmtpServer();
        smtp.Start();
        using var first = SmtpFactory(new PortalFactory(), smtp);
        first.Settings["Email:Outbox:BatchSize"] = "3";
        const int count = 40;
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
            for (var i = 0; i < count; i++)
            {
                outbox.Add($"destinataire{i}@exemple.ma", $"Message {i}", $"Corps {i}");
            }

            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        }

        // A second portal process on the same database file, as a second instance behind a load balancer.
        using var second = SmtpFactory(new PortalFactory(), smtp);
        second.Settings["ConnectionStrings:Portal"] = first.ConnectionString;
        second.Settings["Email:Outbox:BatchSize"] = "3";
        _ = second.Services;

        var delivered = await Task.WhenAll(Task.Run(first.DeliverMailAsync), Task.Run(second.DeliverMailAsync));

        Assert.Equal(count, delivered.Sum());
        Assert.Equal(count, smtp.Messages.Count);
        var subjects = smtp.Messages.Select(m => m.Message.Subject).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"Message {i}").Order(StringComparer.Ordinal), subjects);
        Assert.Equal(0, await first.WithDbAsync(db => db.OutboxMails.CountAsync(m => m.SentAtUtc == null)));
    }

    [Fact]
    public async Task A_mail_is_saved_with_the_change_that_caused_it_or_not_at_all()
    {
        using var factory = new PortalFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
        var existing = await db.Domains.AsNoTracking().Select(d => d.Code).FirstAsync();

        outbox.Add("personne@exemple.ma", "Sujet", "Corps");
        db.Domains.Add(new InterventionDomain { Code = existing, NameFr = "Doublon", NameAr = "مكرر", NameEn = "Duplicate" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Equal(0, await factory.WithDbAsync(d => d.OutboxMails.CountAsync()));
    }

    [Fact]
    public async Task The_background_sender_delivers_a_reset_mail_without_anyone_asking()
    {
        await using var smtp = new LoopbackSmtpServer();
        smtp.Start();
        using var factory = SmtpFactory(new PortalFactory(), smtp);
        factory.Settings["Email:Outbox:SendInBackground"] = "true";
        using var client = SecurityTestKit.AnonymousClient(factory);

        await RequestResetAsync(client, "agent@portail.test");

        // Woken by the save that queued the mail, not by its poll (an hour here).
        var received = await smtp.NextAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("agent@portail.test", received.Message.To.Mailboxes.Single().Address);
        Assert.Contains("https://localhost/Account/ResetPassword?userId=", received.Message.TextBody, StringComparison.Ordinal);
    }

    private static T SmtpFactory<T>(T factory, LoopbackSmtpServer smtp)
        where T : PortalFactory
    {
        factory.Settings["Email:Smtp:Host"] = "127.0.0.1";
        factory.Settings["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Email:Smtp:Security"] = "None";
        factory.Settings["Email:Smtp:Timeout"] = "00:00:20";
        factory.Settings["Email:Outbox:PollInterval"] = "01:00:00";
        factory.Settings["Email:From"] = "portail@ministere.example";
        return factory;
    }

    private static async Task RequestResetAsync(HttpClient client, string email)
    {
        var answer = await client.PostFormAsync("/Account/ForgotPassword", "/Account/ForgotPassword", [new("Email", email)]);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
    }
}
