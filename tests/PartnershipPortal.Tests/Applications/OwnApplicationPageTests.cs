using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using PartnershipPortal.Tests.Security;
using PartnershipPortal.Web.Features.Applications;
using static PartnershipPortal.Tests.Applications.ApplicationTestKit;

namespace PartnershipPortal.Tests.Applications;

/// <summary>
/// The association's own application page: what it reads back (the budget lines, the exchange, a decision only once
/// taken), where a faulty budget line is flagged, and another association's application answered as missing.
/// </summary>
public sealed class OwnApplicationPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Association = "association@portail.test";
    private static readonly string[] SamePlace = ["Écrite en premier", "Écrite en second"];
    private static readonly string[] ExchangeInOrder = ["Le plus ancien", "Plus tard, écrit d'abord", "Au même instant, écrit ensuite"];

    [Fact]
    public async Task A_budget_line_without_its_category_or_its_partner_is_flagged_at_that_line()
    {
        var call = await CreateOpenCallAsync(factory, null);
        var client = await factory.SignedInClientAsync(Association);
        var applyUrl = $"/MonEspace/Appels/Candidater?appel={call.Id}";
        var form = CompleteForm(call.DomainId, "Ligne sans rubrique", "50 000")
            .With("Form.Lines[2].Amount", "5 000").With("Form.Lines[2].Funder", nameof(BudgetFunder.Association));

        var noCategory = await client.PostFormAsync(applyUrl, applyUrl, [.. form, new("intent", "submit")]);
        var noPartner = await client.PostFormAsync(applyUrl, applyUrl,
            [.. form.With("Form.Lines[2].Category", "Transport").With("Form.Lines[2].Funder", nameof(BudgetFunder.OtherPartner)), new("intent", "submit")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noCategory.StatusCode);
        Assert.Equal("Chaque ligne du budget a une rubrique.", RecordPages.ValidationMessage(await noCategory.Content.ReadAsStringAsync(), "Form.Lines[2].Category"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noPartner.StatusCode);
        Assert.Equal("Nommez le partenaire qui finance la ligne « Transport ».", RecordPages.ValidationMessage(await noPartner.Content.ReadAsStringAsync(), "Form.Lines[2].PartnerName"));
        Assert.False(await factory.WithDbAsync(db => db.Applications.AnyAsync(a => a.CallForProjectsId == call.Id)));
    }

    [Fact]
    public async Task Budget_lines_of_one_place_read_back_in_the_order_they_were_written()
    {
        var (client, id) = await DraftAsync("Lignes au même rang");
        await factory.WithDbAsync(async db =>
        {
            // Two lines given the same place (as an import might): the one written first comes first.
            foreach (var category in SamePlace)
            {
                db.Add(new ApplicationBudgetLine { ApplicationId = id, Category = category, AmountCentimes = 1_000_00, Funder = BudgetFunder.Association, DisplayOrder = 0 });
                await db.SaveChangesAsync();
            }
        });

        var html = await client.PageAsync($"/MonEspace/Candidatures/{id}");

        Assert.Equal(SamePlace, new List<string> { RecordPages.InputValue(html, "Form.Lines[0].Category"), RecordPages.InputValue(html, "Form.Lines[1].Category") });
    }

    [Fact]
    public async Task The_exchange_reads_oldest_first_and_two_messages_of_one_instant_in_the_order_written()
    {
        var (client, id) = await DraftAsync("Échanges dans l'ordre");
        var instant = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
        await factory.WithDbAsync(async db =>
        {
            foreach (var (text, at) in new[] { ("Plus tard, écrit d'abord", instant), ("Le plus ancien", instant.AddDays(-1)), ("Au même instant, écrit ensuite", instant) })
            {
                db.Add(new ApplicationMessage { ApplicationId = id, Kind = ApplicationMessageKind.IncompleteNotice, FromStaff = true, Text = text, AtUtc = at });
                await db.SaveChangesAsync();
            }
        });

        var text = RecordPages.Text(await client.PageAsync($"/MonEspace/Candidatures/{id}"));

        var positions = ExchangeInOrder.Select(m => text.IndexOf(m, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task An_amount_and_a_reason_noted_before_the_decision_are_shown_only_once_it_is_taken()
    {
        var (client, id) = await DraftAsync("Décision à venir");
        await SetAsync(id, ApplicationStatus.Admissible, 43_210_00, "Note interne 7781");

        var before = RecordPages.Text(await client.PageAsync($"/MonEspace/Candidatures/{id}"));
        // Not even in what the service hands the page: the view's own guard is not the only one.
        var association = await SecurityTestKit.DemoAssociationIdAsync(factory);
        Assert.Equal(((long?)null, (string?)null), await DecisionHandedToThePageAsync(association, id));
        await SetAsync(id, ApplicationStatus.Accepted, 43_210_00, "Note interne 7781");
        Assert.Equal(((long?)43_210_00, (string?)"Note interne 7781"), await DecisionHandedToThePageAsync(association, id));
        var after = RecordPages.Text(await client.PageAsync($"/MonEspace/Candidatures/{id}"));

        Assert.DoesNotContain("Note interne 7781", before, StringComparison.Ordinal);
        Assert.DoesNotContain("43 210", before, StringComparison.Ordinal);
        Assert.Contains("Note interne 7781", after, StringComparison.Ordinal);
        Assert.Contains("43 210", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_associations_application_is_answered_as_missing_and_the_attempt_is_recorded_but_a_missing_one_is_not()
    {
        var (_, id) = await DraftAsync("Projet d'une autre association");
        await SecurityTestKit.EnsureOtherAssociationAccountAsync(factory);
        var other = await factory.SignedInClientAsync(SecurityTestKit.OtherAssociationEmail);
        const int missing = 98_765_432;

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/MonEspace/Candidatures/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/MonEspace/Candidatures/{missing}")).StatusCode);

        var denied = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.AccessDenied && e.EntityType == nameof(Application)).Select(e => new { e.EntityId, e.UserName, e.Details }).ToListAsync());
        var entry = Assert.Single(denied);
        Assert.Equal((id.ToString(System.Globalization.CultureInfo.InvariantCulture), SecurityTestKit.OtherAssociationEmail, $"404 GET /MonEspace/Candidatures/{id} (autre association)"),
            (entry.EntityId, entry.UserName, entry.Details));
    }

    /// <summary>A draft of the demo association, with its client.</summary>
    private async Task<(HttpClient Client, int Id)> DraftAsync(string title)
    {
        var call = await CreateOpenCallAsync(factory, null);
        var client = await factory.SignedInClientAsync(Association);
        var applyUrl = $"/MonEspace/Appels/Candidater?appel={call.Id}";
        return (client, RedirectedId(await client.PostFormAsync(applyUrl, applyUrl, [new("Form.ProjectTitle", title), new("intent", "draft")])));
    }

    private Task SetAsync(int id, ApplicationStatus status, long granted, string reason) => factory.WithDbAsync(async db =>
    {
        var application = await db.Applications.SingleAsync(a => a.Id == id);
        (application.Status, application.GrantedAmountCentimes, application.DecisionReason) = (status, granted, reason);
        await db.SaveChangesAsync();
    });

    private async Task<(long? Granted, string? Reason)> DecisionHandedToThePageAsync(int associationId, int id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var own = await scope.ServiceProvider.GetRequiredService<ApplicationService>().OwnAsync(associationId, id, CancellationToken.None);
        return (own!.Value.Granted, own.Value.Reason);
    }
}

