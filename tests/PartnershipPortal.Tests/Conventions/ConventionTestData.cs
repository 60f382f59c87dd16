using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;

namespace PartnershipPortal.Tests.Conventions;

/// <summary>Conventions written straight into a test portal's database, in the status a test needs.</summary>
internal static class ConventionTestData
{
    public sealed record Line(string Title, long Centimes, ProjectStatus Status = ProjectStatus.Planned, string Domain = "EDU");

    public static Task<int> AddAsync(PortalFactory factory, int year, ConventionStatus status, params Line[] lines) =>
        AddAsync(factory, year, status, associationId: null, internalNotes: null, message: null, lines);

    public static Task<int> AddAsync(PortalFactory factory, int year, ConventionStatus status, int? associationId,
        string? internalNotes, string? message, params Line[] lines) =>
        factory.WithDbAsync(async db =>
        {
            var domains = await db.Domains.ToDictionaryAsync(d => d.Code, d => d.Id);
            var sequence = (await db.Conventions.Where(c => c.BudgetYear == year).MaxAsync(c => (int?)c.Sequence) ?? 0) + 1;
            var convention = new Convention
            {
                Reference = Convention.FormatReference(year, sequence),
                BudgetYear = year,
                Sequence = sequence,
                Status = status,
                SigningDate = status is ConventionStatus.Draft or ConventionStatus.Cancelled ? null : new DateOnly(year, 2, 1),
                InternalNotes = internalNotes,
                MessageToAssociation = message,
            };
            if (associationId is { } id)
            {
                convention.AssociationId = id;
            }
            else
            {
                var number = await db.Associations.CountAsync() + 1;
                convention.Association = new Association
                {
                    Name = $"Association du cycle {number}", RegistrationNumber = $"CYCLE-{number:0000}", City = "Fès", Region = Region.FesMeknes,
                };
            }

            foreach (var line in lines)
            {
                convention.Projects.Add(new Project
                {
                    Title = line.Title, City = "Fès", BudgetYear = year, DomainId = domains[line.Domain], AmountCentimes = line.Centimes,
                    Status = line.Status, StartDate = new DateOnly(year, 3, 1), EndDate = new DateOnly(year, 12, 31),
                });
            }

            convention.RecomputeTotal();
            db.Conventions.Add(convention);
            await db.SaveChangesAsync();
            return convention.Id;
        });

    /// <summary>What a convention form needs: the first active association (and its name) and the education domain.</summary>
    public static Task<(int AssociationId, int DomainId, string AssociationName)> FormChoicesAsync(PortalFactory factory) => factory.WithDbAsync(async db =>
    {
        var association = await db.Associations.Where(a => a.Status == AssociationStatus.Active).OrderBy(a => a.Id).Select(a => new { a.Id, a.Name }).FirstAsync();
        return (association.Id, await db.Domains.Where(d => d.Code == "EDU").Select(d => d.Id).SingleAsync(), association.Name);
    });

    public static Task<Convention> LoadAsync(PortalFactory factory, int id) =>
        factory.WithDbAsync(db => db.Conventions.AsNoTracking().Include(c => c.Projects).Include(c => c.Amendments).ThenInclude(a => a.Changes)
            .SingleAsync(c => c.Id == id));

    /// <summary>Posts a form with the antiforgery token of a page every staff member can open (the convention list).</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Key, string Value)[] fields) =>
        client.PostFormAsync("/Conventions", url, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    public static async Task<string> TextAsync(HttpResponseMessage response) => RecordPages.Text(await response.Content.ReadAsStringAsync());
}
