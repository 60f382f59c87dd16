using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Records;

public sealed class CallScreenTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(string, string)[]> FieldsAsync(string reference, string envelope = "1 500 000", string deadline = "2031-05-31")
    {
        var domains = await factory.WithDbAsync(db => db.Domains.Where(d => d.Code == "EDU" || d.Code == "CULT").Select(d => d.Id).ToListAsync());
        return
        [
            ("Form.Reference", reference), ("Form.Title", "Appel à projets : intégration par le sport"), ("Form.Year", "2031"),
            ("Form.PublicationDate", "2031-03-01"), ("Form.Deadline", deadline), ("Form.BudgetEnvelope", envelope), ("Form.Status", "Open"),
            .. domains.Select(d => ("Form.DomainIds", d.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        ];
    }

    [Fact]
    public async Task Create_and_edit_a_call_with_its_domains()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var id = RecordPages.IdFromLocation(await client.PostAsync("/Calls/Create", await FieldsAsync("AAP-2031-01")));
        var page = await client.PageAsync($"/Calls/Edit/{id}");
        var edited = await client.PostAsync($"/Calls/Edit/{id}", [.. await FieldsAsync("AAP-2031-01", "2 000 000,50"), ("Form.Version", RecordPages.InputValue(page, "Form.Version"))]);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var call = await factory.WithDbAsync(db => db.Calls.AsNoTracking().Include(c => c.Domains).SingleAsync(c => c.Id == id));
        Assert.Equal(200_000_050, call.BudgetEnvelopeCentimes);
        Assert.Equal(["CULT", "EDU"], call.Domains.Select(d => d.Code).Order());
        Assert.Contains("2 000 000,50 DH", RecordPages.Text(await client.PageAsync($"/Calls/Details/{id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_call_and_its_year_are_offered_by_the_project_filters_at_once()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var before = await client.PageAsync("/Projects");
        Assert.DoesNotContain("AAP-2037-FLT", before, StringComparison.Ordinal);
        Assert.DoesNotContain("<option>2037</option>", before, StringComparison.Ordinal);

        var fields = (await FieldsAsync("AAP-2037-FLT")).Select(f => f.Item1 == "Form.Year" ? (f.Item1, "2037") : f).ToArray();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/Calls/Create", fields)).StatusCode);

        // The filter menus are kept between views; the write must reach the next view, not a minute later.
        var after = await client.PageAsync("/Projects");
        Assert.Contains("AAP-2037-FLT · Appel à projets : intégration par le sport", RecordPages.Text(after), StringComparison.Ordinal);
        Assert.Contains("<option>2037</option>", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_dates_amounts_and_a_reused_reference_are_refused_and_nothing_changes()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var count = await factory.WithDbAsync(db => db.Calls.CountAsync());

        var badDates = await client.PostAsync("/Calls/Create", await FieldsAsync("AAP-2031-09", "0", "2031-01-01"));
        Assert.Equal(HttpStatusCode.OK, badDates.StatusCode);
        var text = RecordPages.Text(await badDates.Content.ReadAsStringAsync());
        Assert.Contains("La date de fin doit être postérieure", text, StringComparison.Ordinal);
        Assert.Contains("Le montant doit être supérieur à zéro.", text, StringComparison.Ordinal);

        var reused = await client.PostAsync("/Calls/Create", await FieldsAsync("AAP-2017-01"));
        Assert.Contains("La référence AAP-2017-01 est déjà celle de l'appel", RecordPages.Text(await reused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(count, await factory.WithDbAsync(db => db.Calls.CountAsync()));
    }

    [Fact]
    public async Task A_calls_per_project_ceiling_is_recorded_in_centimes_shown_and_refused_when_unreadable()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var count = await factory.WithDbAsync(db => db.Calls.CountAsync());
        var unreadable = await client.PostAsync("/Calls/Create", [.. await FieldsAsync("AAP-2031-PL1"), ("Form.MaxPerProject", "cent mille")]);
        Assert.Contains("n'est pas un montant lisible", RecordPages.Text(await unreadable.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(count, await factory.WithDbAsync(db => db.Calls.CountAsync()));

        var id = RecordPages.IdFromLocation(await client.PostAsync("/Calls/Create", [.. await FieldsAsync("AAP-2031-PL2"), ("Form.MaxPerProject", "150 000,50")]));
        Assert.Equal(15_000_050, await factory.WithDbAsync(db => db.Calls.Where(c => c.Id == id).Select(c => c.MaxPerProjectCentimes).SingleAsync()));
        Assert.Contains("150 000,50 DH", RecordPages.Text(await client.PageAsync($"/Calls/Details/{id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_with_conventions_cannot_be_deleted_an_unused_one_can()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var used = await factory.WithDbAsync(db => db.Calls.Where(c => c.Reference == "AAP-2017-01").Select(c => c.Id).SingleAsync());
        Assert.Contains("ne peut pas être supprimé", RecordPages.Text(await client.PageAsync($"/Calls/Delete/{used}")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/Calls/Delete/{used}")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Calls.AnyAsync(c => c.Id == used)));

        var unused = RecordPages.IdFromLocation(await client.PostAsync("/Calls/Create", await FieldsAsync("AAP-2031-DEL")));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/Calls/Delete/{unused}")).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Calls.AnyAsync(c => c.Id == unused)));
    }

    [Fact]
    public async Task The_call_page_lists_the_conventions_signed_under_it_and_the_list_filters()
    {
        var client = await factory.SignedInClientAsync("manager@portail.test");
        var call = await factory.WithDbAsync(db => db.Calls.Where(c => c.Reference == "AAP-2018-01")
            .Select(c => new { c.Id, References = c.Conventions.Select(v => v.Reference).ToList() }).SingleAsync());

        var text = RecordPages.Text(await client.PageAsync($"/Calls/Details/{call.Id}"));
        Assert.All(call.References, r => Assert.Contains(r, text, StringComparison.Ordinal));

        var (campDomain, in2017, inCamp) = await factory.WithDbAsync(async db =>
        {
            var camp = await db.Domains.Where(d => d.Code == "CAMP").Select(d => d.Id).SingleAsync();
            return (camp, await db.Calls.CountAsync(c => c.Year == 2017), await db.Calls.CountAsync(c => c.Domains.Any(d => d.Id == camp)));
        });
        Assert.Contains($"{in2017} résultat(s)", RecordPages.Text(await client.PageAsync("/Calls?year=2017")), StringComparison.Ordinal);
        Assert.Contains($"{inCamp} résultat(s)", RecordPages.Text(await client.PageAsync($"/Calls?domainId={campDomain}")), StringComparison.Ordinal);
        Assert.Contains("1 résultat(s)", RecordPages.Text(await client.PageAsync("/Calls?q=colonies%20de%20vacances%202018")), StringComparison.Ordinal);
    }
}
