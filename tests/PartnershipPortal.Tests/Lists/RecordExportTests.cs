using System.Globalization;
using System.Net;
using System.Text;
using ClosedXML.Excel;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;

namespace PartnershipPortal.Tests.Lists;

/// <summary>The exports of the association, activity and audit lists: the list's filters and sort, every row, nothing else.</summary>
public sealed class RecordExportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_association_export_has_the_filtered_associations_in_the_lists_order_and_neutralises_formulas()
    {
        var city = "Ville-" + Guid.NewGuid().ToString("N")[..8];
        string[] names = ["Association Zaytoun", "=cmd|' /C calc'!A0", "Association Amal"];
        await factory.WithDbAsync(async db =>
        {
            foreach (var (name, i) in names.Select((n, i) => (n, i)))
            {
                db.Associations.Add(new Association
                {
                    Name = name, RegistrationNumber = $"EXP-{city}-{i}", City = city, Region = Region.Oriental,
                    Status = i == 2 ? AssociationStatus.Archived : AssociationStatus.Active,
                });
            }

            await db.SaveChangesAsync();
        });
        var client = await factory.SignedInClientAsync("manager@portail.test");

        var csv = await client.GetAsync($"/Associations/Export?format=csv&city={city}&sort=name&desc=true");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition!.DispositionType);
        var lines = Lines(await csv.Content.ReadAsByteArrayAsync());
        Assert.Equal("Nom;Sigle;N° d'enregistrement;Ville;Région;Statut;Conventions;Montant", lines[0]);
        Assert.Equal(["Association Zaytoun", "Association Amal", "'=cmd|' /C calc'!A0"], lines[1..].Select(l => l.Split(';')[0]));
        Assert.Contains($";EXP-{city}-2;{city};L'Oriental;Archivée;0;0,00", lines[2], StringComparison.Ordinal);

        using var workbook = await WorkbookAsync(client, $"/Associations/Export?format=xlsx&city={city}&status=Active");
        var rows = workbook.Worksheets.First().RowsUsed().Skip(1).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.False(r.Cell(1).HasFormula));
        Assert.Equal(["'=cmd|' /C calc'!A0", "Association Zaytoun"], rows.Select(r => r.Cell(1).GetString()));
    }

    [Fact]
    public async Task The_activity_export_has_the_searched_activities_with_their_figures()
    {
        var word = "Atelier" + Guid.NewGuid().ToString("N")[..8];
        await factory.WithDbAsync(async db =>
        {
            db.Activities.Add(new ProgrammeActivity { Title = $"{word} de Rabat", Kind = ActivityKind.TrainingWorkshop, Year = 2018, StartDate = new DateOnly(2018, 3, 14), Place = "Rabat", ParticipantsCount = 130 });
            db.Activities.Add(new ProgrammeActivity { Title = $"{word} d'Oujda", Kind = ActivityKind.ConsultationMeeting, Year = 2017, StartDate = new DateOnly(2017, 5, 2), Place = "Oujda", ParticipantsCount = 42 });
            db.Activities.Add(new ProgrammeActivity { Title = "Autre rencontre sans le mot", Kind = ActivityKind.TrainingWorkshop, Year = 2018 });
            await db.SaveChangesAsync();
        });
        var client = await factory.SignedInClientAsync("agent@portail.test");

        using var workbook = await WorkbookAsync(client, $"/Activities/Export?format=xlsx&q={word}&sort=participants&desc=true");

        var sheet = workbook.Worksheets.First();
        Assert.Equal(["Intitulé", "Type", "Année", "Date", "Lieu", "Participants", "Associations"], sheet.Row(1).CellsUsed().Select(c => c.GetString()));
        var rows = sheet.RowsUsed().Skip(1).ToList();
        Assert.Equal([$"{word} de Rabat", $"{word} d'Oujda"], rows.Select(r => r.Cell(1).GetString()));
        Assert.Equal([130, 42], rows.Select(r => r.Cell(6).GetValue<int>()));
        Assert.Equal([2018, 2017], rows.Select(r => r.Cell(3).GetValue<int>()));
        Assert.Equal("2018-03-14", rows[0].Cell(4).GetString());
    }

    [Fact]
    public async Task The_audit_export_has_the_filtered_lines_newest_first_for_administrators_only()
    {
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var city = "Audit-" + Guid.NewGuid().ToString("N")[..8];
        var id = await factory.WithDbAsync(async db =>
        {
            var association = new Association { Name = "Association auditée", RegistrationNumber = "AUD-" + city, City = city, Region = Region.Oriental };
            db.Associations.Add(association);
            await db.SaveChangesAsync();
            association.City = city + "-bis";
            await db.SaveChangesAsync();
            return association.Id.ToString(CultureInfo.InvariantCulture);
        });

        var response = await admin.GetAsync($"/AuditLog/Export?format=csv&entity={id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = Lines(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("Date (UTC);Qui;Action;Quoi;Détails;Avant;Après;Adresse IP", lines[0]);
        var rows = lines[1..].Where(l => l.Contains($";Association {id};", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(";Modification;", rows[0], StringComparison.Ordinal);
        // The time as every export writes it, year first, whatever the reader's locale.
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2};", rows[0]);
        Assert.Contains(city + "-bis", rows[0], StringComparison.Ordinal);
        Assert.Contains(";Création;", rows[1], StringComparison.Ordinal);

        var agent = await factory.SignedInClientAsync("agent@portail.test");
        RecordPages.AssertForbidden(await agent.GetAsync($"/AuditLog/Export?format=csv&entity={id}"));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/AuditLog/Export?format=csv&action=Inventée")).StatusCode);
    }

    private static string[] Lines(byte[] csv) =>
        Encoding.UTF8.GetString(csv).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    private static async Task<XLWorkbook> WorkbookAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }
}
