using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;

namespace PartnershipPortal.Tests.Lists;

/// <summary>
/// The choices the filters and forms offer, read in their drop-down lists as a person reads them: the years, the
/// associations, the calls and the domains, in their order, with what a new record may not use left out.
/// </summary>
public sealed class LookupTests : IClassFixture<ClockedPortalFactory>
{
    private readonly ClockedPortalFactory _factory;

    public LookupTests(ClockedPortalFactory factory)
    {
        _factory = factory;
        // One instant for the whole class: "this year" is 2033 whatever the wall clock says.
        var instant = new DateTimeOffset(2033, 6, 15, 10, 0, 0, TimeSpan.Zero);
        if (factory.Clock.GetUtcNow() < instant)
        {
            factory.Clock.SetUtcNow(instant);
        }
    }

    [Fact]
    public async Task The_year_filter_lists_every_recorded_year_with_this_year_and_the_next_newest_first_once_each()
    {
        await AddAsync(_factory, 2041, ConventionStatus.Draft, new Line("Projet de 2041", 10_000_00));
        await AddAsync(_factory, 2041, ConventionStatus.Draft, new Line("Second projet de 2041", 10_000_00));
        await _factory.WithDbAsync(async db =>
        {
            db.Calls.Add(new CallForProjects { Reference = "LK-2043", Title = "Appel de 2043", Year = 2043 });
            // A year that conventions hold too, and this year: each listed once.
            db.Calls.Add(new CallForProjects { Reference = "LK-2041", Title = "Appel de 2041", Year = 2041 });
            db.Calls.Add(new CallForProjects { Reference = "LK-2033", Title = "Appel de 2033", Year = 2033 });
            db.Activities.Add(new ProgrammeActivity { Title = "Atelier de 2045", Year = 2045 });
            await db.SaveChangesAsync();
        });
        var agent = await _factory.SignedInClientAsync("agent@portail.test");

        var years = RecordPages.Options(await agent.GetStringAsync("/Conventions"), "year").Where(y => y.All(char.IsDigit)).Select(int.Parse).ToList();

        Assert.Equal(years.OrderDescending().Distinct(), years);
        Assert.Subset(years.ToHashSet(), new HashSet<int> { 2045, 2043, 2041, 2034, 2033, 2018, 2017 });
    }

    [Fact]
    public async Task A_new_convention_is_offered_the_active_associations_by_name_and_an_edited_one_keeps_its_archived_association()
    {
        var archived = await _factory.WithDbAsync(async db =>
        {
            foreach (var (name, status) in new[] { ("Zzz Choix active", AssociationStatus.Active), ("Aaa Choix archivée", AssociationStatus.Archived), ("Aaa Choix active", AssociationStatus.Active) })
            {
                db.Associations.Add(new Association { Name = name, RegistrationNumber = "LK-" + name[..3] + (int)status, City = "Oujda", Region = Region.Oriental, Status = status });
            }

            await db.SaveChangesAsync();
            return await db.Associations.Where(a => a.Name == "Aaa Choix archivée").Select(a => a.Id).SingleAsync();
        });
        var id = await AddAsync(_factory, 2034, ConventionStatus.Draft, archived, null, null, new Line("Projet d'une association archivée", 5_000_00));
        var agent = await _factory.SignedInClientAsync("agent@portail.test");

        var offered = RecordPages.Options(await agent.GetStringAsync("/Conventions/Create"), "Form.AssociationId").Where(o => o.Contains("Choix", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Aaa Choix active (Oujda)", "Zzz Choix active (Oujda)"], offered);

        var edited = RecordPages.Options(await agent.GetStringAsync($"/Conventions/Edit/{id}"), "Form.AssociationId").Where(o => o.Contains("Choix", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Aaa Choix active (Oujda)", "Aaa Choix archivée (Oujda)", "Zzz Choix active (Oujda)"], edited);
    }

    [Fact]
    public async Task Calls_are_offered_newest_year_first_then_by_reference()
    {
        await _factory.WithDbAsync(async db =>
        {
            db.Calls.AddRange(
                new CallForProjects { Reference = "LKC-B", Title = "Deuxième de 2030", Year = 2030 },
                new CallForProjects { Reference = "LKC-A", Title = "Premier de 2030", Year = 2030 },
                new CallForProjects { Reference = "LKC-C", Title = "Seul de 2031", Year = 2031 });
            await db.SaveChangesAsync();
        });
        var agent = await _factory.SignedInClientAsync("agent@portail.test");

        var calls = RecordPages.Options(await agent.GetStringAsync("/Conventions/Create"), "Form.CallForProjectsId").Where(o => o.StartsWith("LKC-", StringComparison.Ordinal)).ToList();

        Assert.Equal(["LKC-C · Seul de 2031", "LKC-A · Premier de 2030", "LKC-B · Deuxième de 2030"], calls);
    }

    [Fact]
    public async Task Domains_come_in_their_order_and_an_inactive_one_only_where_a_project_already_uses_it()
    {
        await _factory.WithDbAsync(async db =>
        {
            db.Domains.AddRange(
                new InterventionDomain { Code = "LK2", NameFr = "Choix rangé second", NameAr = "ب", NameEn = "Second", DisplayOrder = 902 },
                new InterventionDomain { Code = "LK1", NameFr = "Choix rangé premier", NameAr = "أ", NameEn = "First", DisplayOrder = 901 },
                new InterventionDomain { Code = "LKX", NameFr = "Choix retiré", NameAr = "ج", NameEn = "Retired", DisplayOrder = 900, IsActive = false });
            await db.SaveChangesAsync();
        });
        var id = await AddAsync(_factory, 2034, ConventionStatus.Draft, (int?)null, null, null, new Line("Projet d'un domaine retiré", 5_000_00, Domain: "LKX"));
        var agent = await _factory.SignedInClientAsync("agent@portail.test");

        var offered = RecordPages.Options(await agent.GetStringAsync("/Conventions/Create"), ".DomainId").Where(o => o.StartsWith("Choix", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Choix rangé premier", "Choix rangé second"], offered);

        var edited = RecordPages.Options(await agent.GetStringAsync($"/Conventions/Edit/{id}"), ".DomainId").Where(o => o.StartsWith("Choix", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Choix retiré", "Choix rangé premier", "Choix rangé second"], edited);
    }
}
