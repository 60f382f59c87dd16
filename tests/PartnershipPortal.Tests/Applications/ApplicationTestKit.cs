using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Applications;

public static class ApplicationTestKit
{
    public sealed record TestCall(int Id, int DomainId, string Reference);

    /// <summary>An open call of the test's own, so that counts and rankings only see what the test made.</summary>
    public static Task<TestCall> CreateOpenCallAsync(
        PortalFactory factory, DateOnly? deadline, long? ceilingCentimes = null, long? envelopeCentimes = null,
        params (string Label, int Weight, int Maximum)[] criteria) =>
        factory.WithDbAsync(async db =>
        {
            var domain = await db.Domains.OrderBy(d => d.DisplayOrder).FirstAsync();
            var reference = "T-" + Guid.NewGuid().ToString("N")[..10];
            var call = new CallForProjects
            {
                Reference = reference, Title = "Appel de test " + reference, Year = 2026, Deadline = deadline,
                MaxPerProjectCentimes = ceilingCentimes, BudgetEnvelopeCentimes = envelopeCentimes,
                Status = CallForProjectsStatus.Open, Domains = [domain],
                Criteria = criteria.Select((c, i) => new ScoringCriterion { Label = c.Label, Weight = c.Weight, Maximum = c.Maximum, DisplayOrder = i }).ToList(),
            };
            db.Calls.Add(call);
            await db.SaveChangesAsync();
            return new TestCall(call.Id, domain.Id, reference);
        });

    /// <summary>A complete application form: the ministry's line equals the amount asked, the association brings the rest.</summary>
    public static List<KeyValuePair<string, string>> CompleteForm(int domainId, string title, string requested, string ownShare = "25 000")
    {
        return
        [
            new("Form.ProjectTitle", title),
            new("Form.DomainId", domainId.ToString(CultureInfo.InvariantCulture)),
            new("Form.Region", nameof(Region.RabatSaleKenitra)),
            new("Form.City", "Salé"),
            new("Form.Summary", "Ateliers pour enfants."),
            new("Form.Objectives", "Scolarisation."),
            new("Form.PlannedActivities", "Soutien scolaire."),
            new("Form.TargetGroup", "Enfants"),
            new("Form.PlannedChildren", "40"),
            new("Form.StartDate", "2026-09-01"),
            new("Form.EndDate", "2027-06-30"),
            new("Form.RequestedAmount", requested),
            new("Form.Lines[0].Category", "Animation"),
            new("Form.Lines[0].Amount", requested),
            new("Form.Lines[0].Funder", nameof(BudgetFunder.Ministry)),
            new("Form.Lines[1].Category", "Locaux"),
            new("Form.Lines[1].Amount", ownShare),
            new("Form.Lines[1].Funder", nameof(BudgetFunder.Association)),
        ];
    }

    /// <summary>A complete application as a service receives it: one line, the ministry's, equal to the 40 000 DH asked.</summary>
    public static PartnershipPortal.Web.Features.Applications.ApplicationForm ServiceForm(int domainId, string title, int year) => new()
    {
        ProjectTitle = title, DomainId = domainId, Region = Region.RabatSaleKenitra, City = "Salé", Summary = "Ateliers.", Objectives = "Scolarisation.",
        PlannedActivities = "Soutien scolaire.", StartDate = new DateOnly(year, 9, 1), EndDate = new DateOnly(year + 1, 6, 30), RequestedAmount = "40 000",
        Lines = [new PartnershipPortal.Web.Features.Applications.BudgetLineInput { Category = "Animation", Amount = "40 000", Funder = BudgetFunder.Ministry }],
    };

    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> fields, string name, string value)
    {
        var copy = fields.Where(f => f.Key != name).ToList();
        copy.Add(new(name, value));
        return copy;
    }

    /// <summary>The id in the Location of a redirect to an application's page.</summary>
    public static int RedirectedId(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}.");
        var path = response.Headers.Location!.OriginalString;
        return int.Parse(path[(path.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
    }

    public static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>The page's text with the thousands' non-breaking spaces as plain ones, to read amounts as written in a test.</summary>
    public static string Spaced(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    public static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TextAsync(response);
    }

    public static Task AssignReviewersAsync(PortalFactory factory, int callId, params string[] emails) => factory.WithDbAsync(async db =>
    {
        foreach (var email in emails)
        {
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            db.ReviewerAssignments.Add(new ReviewerAssignment { CallForProjectsId = callId, UserId = userId });
        }

        await db.SaveChangesAsync();
    });

    /// <summary>A reviewer account of the test's own, assigned to nothing.</summary>
    public static async Task<string> NewReviewerAsync(PortalFactory factory, string? fullName = "Second évaluateur")
    {
        var email = $"evaluateur.{Guid.NewGuid():N}@portail.test";
        await Security.SecurityTestKit.NewAccountAsync(factory, email, Roles.Reviewer, fullName);
        return email;
    }

    /// <summary>The mails delivered so far, decoded (subject, recipients, plain-text body).</summary>
    public static async Task<List<MimeMessage>> MailsAsync(PortalFactory factory) =>
        (await factory.MailsAsync()).Select(raw => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)))).ToList();

    public static bool IsTo(this MimeMessage mail, string email) =>
        mail.To.Mailboxes.Any(m => string.Equals(m.Address, email, StringComparison.OrdinalIgnoreCase));

    /// <summary>A complete application to <paramref name="call"/>, submitted by the demo association.</summary>
    public static async Task<int> SubmitApplicationAsync(this PortalFactory factory, TestCall call, string title, string requested)
    {
        var association = await factory.SignedInClientAsync("association@portail.test");
        var url = $"/MonEspace/Appels/Candidater?appel={call.Id}";
        return RedirectedId(await association.PostFormAsync(url, url, [.. CompleteForm(call.DomainId, title, requested), new("intent", "submit")]));
    }

    /// <summary>A submitted application the agent has found admissible.</summary>
    public static async Task<int> AdmissibleApplicationAsync(this PortalFactory factory, TestCall call, string title, string requested)
    {
        var id = await factory.SubmitApplicationAsync(call, title, requested);
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CompletenessAsync(agent, id, "Admissible", "")).StatusCode);
        return id;
    }

    public static async Task<HttpResponseMessage> CompletenessAsync(this PortalFactory factory, HttpClient client, int id, string verdict, string message) =>
        await client.PostFormAsync($"/Candidatures/{id}", $"/Candidatures/{id}/Completude",
            [new("Completeness.Version", (await factory.ApplicationVersionAsync(id)).ToString()), new("Completeness.Verdict", verdict), new("Completeness.Message", message)]);

    public static async Task<HttpResponseMessage> DecideAsync(this PortalFactory factory, HttpClient client, int id, string kind, string amount, string reason) =>
        await client.PostFormAsync($"/Candidatures/{id}", $"/Candidatures/{id}/Decision",
            [new("Decision.Version", (await factory.ApplicationVersionAsync(id)).ToString()), new("Decision.Kind", kind), new("Decision.GrantedAmount", amount), new("Decision.Reason", reason)]);

    public static Task<HttpResponseMessage> DeclareAsync(HttpClient client, int id, string conflict) =>
        client.PostFormAsync("/Evaluation", $"/Evaluation/Candidatures/{id}/Declaration", [new("conflict", conflict)]);

    /// <summary>Posts a reviewer's scores, one per criterion of the call in the grid's order.</summary>
    public static async Task<HttpResponseMessage> ScoreAsync(this PortalFactory factory, HttpClient client, TestCall call, int id, int[] scores, string? comment = null)
    {
        var criteria = await factory.WithDbAsync(db => db.ScoringCriteria.Where(c => c.CallForProjectsId == call.Id).OrderBy(c => c.DisplayOrder).Select(c => c.Id).ToListAsync());
        var fields = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < criteria.Count; i++)
        {
            fields.Add(new($"Form.Scores[{i}].CriterionId", criteria[i].ToString(CultureInfo.InvariantCulture)));
            fields.Add(new($"Form.Scores[{i}].Score", scores[i].ToString(CultureInfo.InvariantCulture)));
            fields.Add(new($"Form.Scores[{i}].Comment", comment ?? ""));
        }

        return await client.PostFormAsync("/Evaluation", $"/Evaluation/Candidatures/{id}/Notes", fields);
    }

    public static Task<ApplicationStatus> ApplicationStatusAsync(this PortalFactory factory, int id) =>
        factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());

    public static Task<Guid> ApplicationVersionAsync(this PortalFactory factory, int id) =>
        factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
}
