using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;

namespace PartnershipPortal.Tests.Payments;

/// <summary>Conventions signed through HTTP and the money actions posted as the schedule page posts them.</summary>
internal static class PaymentTestKit
{
    /// <summary>The page's text with every run of white space as one space, to read a label and its value together.</summary>
    public static async Task<string> FlatTextAsync(HttpResponseMessage response) =>
        System.Text.RegularExpressions.Regex.Replace(await TextAsync(response), @"\s+", " ");

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A draft convention of <paramref name="year"/> (projects from 1 March to 31 December) signed on <paramref name="signed"/> by the agent.</summary>
    public static async Task<int> SignedAsync(PortalFactory factory, HttpClient agent, int year, DateOnly signed, int? associationId = null, params Line[] lines)
    {
        var id = await AddAsync(factory, year, ConventionStatus.Draft, associationId, null, null, lines.Length == 0 ? [new Line("Projet à payer", 100_000_00)] : lines);
        var version = (await LoadAsync(factory, id)).Version.ToString();
        var response = await PostAsync(agent, $"/Conventions/Transition/{id}?transition=Sign", ("Version", version), ("Date", Iso(signed)));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return id;
    }

    /// <summary>A convention of the demo association with <paramref name="lines"/>, signed by the agent on <paramref name="signed"/>, and both clients.</summary>
    public static async Task<(HttpClient Agent, HttpClient Association, int Id)> DemoConventionAsync(PortalFactory factory, DateOnly signed, params Line[] lines)
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var association = await factory.SignedInClientAsync("association@portail.test");
        var id = await SignedAsync(factory, agent, signed.Year, signed, await Security.SecurityTestKit.DemoAssociationIdAsync(factory), lines);
        return (agent, association, id);
    }

    public static Task<List<PaymentTranche>> TranchesAsync(PortalFactory factory, int conventionId) => factory.WithDbAsync(db =>
        db.PaymentTranches.AsNoTracking().Include(t => t.Payments).Where(t => t.ConventionId == conventionId).OrderBy(t => t.Number).ToListAsync());

    public static Task<List<ConventionReport>> ReportsAsync(PortalFactory factory, int conventionId) => factory.WithDbAsync(db =>
        db.ConventionReports.AsNoTracking().Where(r => r.ConventionId == conventionId).OrderBy(r => r.DueDate).ToListAsync());

    public static Task<HttpResponseMessage> OrderAsync(HttpClient client, int conventionId, int trancheId, string number, DateOnly date) =>
        PostAsync(client, $"/Paiements/{conventionId}/Ordonnancer", ("TrancheId", trancheId.ToString(CultureInfo.InvariantCulture)), ("OrderNumber", number), ("Date", Iso(date)));

    public static Task<HttpResponseMessage> PayAsync(HttpClient client, int conventionId, int trancheId, DateOnly date, string amount) =>
        PostAsync(client, $"/Paiements/{conventionId}/Payer", ("TrancheId", trancheId.ToString(CultureInfo.InvariantCulture)), ("Date", Iso(date)), ("Amount", amount));

    public static Task<HttpResponseMessage> ReverseAsync(HttpClient client, int conventionId, int paymentId, DateOnly date, string reason) =>
        PostAsync(client, $"/Paiements/{conventionId}/Contrepasser", ("PaymentId", paymentId.ToString(CultureInfo.InvariantCulture)), ("Date", Iso(date)), ("Reason", reason));

    /// <summary>Posts a whole schedule: (tranche id or null for a new line, date, amount, is the balance).</summary>
    public static Task<HttpResponseMessage> ScheduleAsync(HttpClient client, int conventionId, params (int? Id, DateOnly Date, string Amount, bool Balance)[] lines)
    {
        var fields = new List<(string, string)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Id is { } id)
            {
                fields.Add(($"Schedule.Lines[{i}].Id", id.ToString(CultureInfo.InvariantCulture)));
            }

            fields.Add(($"Schedule.Lines[{i}].PlannedDate", Iso(lines[i].Date)));
            fields.Add(($"Schedule.Lines[{i}].Amount", lines[i].Amount));
            if (lines[i].Balance)
            {
                fields.Add(($"Schedule.Lines[{i}].IsBalance", "true"));
            }
        }

        return PostAsync(client, $"/Paiements/{conventionId}/Echeancier", [.. fields]);
    }

    /// <summary>A report with its exchange and budget lines, as stored.</summary>
    public static Task<ConventionReport> ReportAsync(PortalFactory factory, int id) => factory.WithDbAsync(db => db.ConventionReports.AsNoTracking()
        .Include(r => r.Messages).Include(r => r.BudgetLines).SingleAsync(r => r.Id == id));

    /// <summary>Staff's answer to a report: <paramref name="action"/> is "Approuver" or "Renvoyer".</summary>
    public static Task<HttpResponseMessage> ReviewAsync(HttpClient staff, int reportId, string action, string? comment) =>
        staff.PostFormAsync($"/Rapports/{reportId}", $"/Rapports/{reportId}/{action}", comment is null ? [] : [new("Comment", comment)]);

    /// <summary>Posts a PDF to the report's attachments as the association's page does: the token first, then the file.</summary>
    public static async Task<HttpResponseMessage> AttachAsync(HttpClient association, int reportId, string fileName, byte[]? bytes = null)
    {
        var url = $"/MonEspace/Rapports/{reportId}";
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(HtmlForms.AntiforgeryToken(await association.GetStringAsync(url))), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes ?? Files.FileTestKit.Pdf("Listes de présence"));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        file.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data") { Name = "\"File\"", FileNameStar = fileName };
        form.Add(file);
        return await association.PostAsync(url + "/PieceJointe", form);
    }

    /// <summary>Approves the convention's final report straight in the database (the report workflow has its own tests).</summary>
    public static Task ApproveFinalReportAsync(PortalFactory factory, int conventionId) => factory.WithDbAsync(async db =>
    {
        var report = await db.ConventionReports.SingleAsync(r => r.ConventionId == conventionId && r.Kind == ReportKind.Final);
        report.Status = ReportStatus.Approved;
        await db.SaveChangesAsync();
    });

    /// <summary>The fields of schedule line <paramref name="index"/>, as the schedule page posts them.</summary>
    public static (string, string)[] ScheduleLine(int index, int? id, DateOnly? date, string amount) =>
    [
        .. id is { } tranche ? [($"Schedule.Lines[{index}].Id", tranche.ToString(CultureInfo.InvariantCulture))] : Array.Empty<(string, string)>(),
        ($"Schedule.Lines[{index}].PlannedDate", date is { } d ? Iso(d) : ""),
        ($"Schedule.Lines[{index}].Amount", amount),
    ];

    /// <summary>The two tranches proposed on signing: the first (on signature) and the balance.</summary>
    public static async Task<(PaymentTranche First, PaymentTranche Balance)> TwoTranchesAsync(PortalFactory factory, int conventionId)
    {
        var tranches = await TranchesAsync(factory, conventionId);
        return (tranches.Single(t => !t.IsBalance), tranches.Single(t => t.IsBalance));
    }

    /// <summary>Everything a refused action must leave as it was: each tranche, its order and its payments.</summary>
    public static async Task<string> ScheduleStateAsync(PortalFactory factory, int conventionId) => string.Join(" | ", (await TranchesAsync(factory, conventionId)).Select(t =>
        $"{t.Id} {t.Number} {t.PlannedDate} {t.PlannedAmountCentimes} {t.IsBalance} {t.OrderNumber} {t.OrderedOn} {t.ReleasedOn} {t.Version} "
        + string.Join(",", t.Payments.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.AmountCentimes}"))));
}
