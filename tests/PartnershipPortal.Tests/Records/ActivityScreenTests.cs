using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Records;

public sealed class ActivityScreenTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(string, string)[]> FieldsAsync(string title, string start = "2031-12-18", string end = "2031-12-20")
    {
        var associations = await factory.WithDbAsync(db => db.Associations.OrderBy(a => a.Id).Take(3).Select(a => a.Id).ToListAsync());
        return
        [
            ("Form.Title", title), ("Form.Kind", "MigrantsWeek"), ("Form.Year", "2031"), ("Form.StartDate", start), ("Form.EndDate", end),
            ("Form.Place", "Rabat"), ("Form.ParticipantsCount", "250"),
            ("Form.Partners", "Organisation Internationale pour les Migrations (OIM)\r\n\r\nHaut-Commissariat des Nations Unies pour les réfugiés (HCR)\r\n"),
            .. associations.Select(a => ("Form.AssociationIds", a.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        ];
    }

    [Fact]
    public async Task Create_edit_and_delete_an_activity_with_its_associations_and_partners()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var id = RecordPages.IdFromLocation(await client.PostAsync("/Activities/Create", await FieldsAsync("Semaine des migrants 2031")));

        var activity = await factory.WithDbAsync(db => db.Activities.AsNoTracking().Include(a => a.Associations).SingleAsync(a => a.Id == id));
        Assert.Equal(3, activity.Associations.Count);
        Assert.Equal("Organisation Internationale pour les Migrations (OIM)\nHaut-Commissariat des Nations Unies pour les réfugiés (HCR)", activity.Partners);
        var text = RecordPages.Text(await client.PageAsync($"/Activities/Details/{id}"));
        Assert.Contains("Haut-Commissariat des Nations Unies pour les réfugiés (HCR)", text, StringComparison.Ordinal);
        Assert.All(activity.Associations, a => Assert.Contains(a.Name, text, StringComparison.Ordinal));

        var page = await client.PageAsync($"/Activities/Edit/{id}");
        var fields = (await FieldsAsync("Semaine des migrants 2031, 5e édition")).Where(f => f.Item1 != "Form.AssociationIds").Append(("Form.Version", RecordPages.InputValue(page, "Form.Version")));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/Activities/Edit/{id}", [.. fields])).StatusCode);
        activity = await factory.WithDbAsync(db => db.Activities.AsNoTracking().Include(a => a.Associations).SingleAsync(a => a.Id == id));
        Assert.Equal("Semaine des migrants 2031, 5e édition", activity.Title);
        Assert.Empty(activity.Associations);

        Assert.Contains("Supprimer définitivement", await client.PageAsync($"/Activities/Delete/{id}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/Activities/Delete/{id}")).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Activities.AnyAsync(a => a.Id == id)));
    }

    [Fact]
    public async Task Bad_dates_are_refused_and_nothing_is_saved()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var count = await factory.WithDbAsync(db => db.Activities.CountAsync());

        var response = await client.PostAsync("/Activities/Create", await FieldsAsync("Atelier", "2031-06-10", "2031-06-01"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("La date de fin doit être postérieure", RecordPages.Text(html), StringComparison.Ordinal);
        Assert.Equal("Atelier", RecordPages.InputValue(html, "Form.Title"));
        Assert.Equal(count, await factory.WithDbAsync(db => db.Activities.CountAsync()));
    }

    [Fact]
    public async Task An_activity_starts_within_its_year()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var count = await factory.WithDbAsync(db => db.Activities.CountAsync());

        // Year 2031, starting in 2030.
        var response = await client.PostAsync("/Activities/Create", await FieldsAsync("Atelier de l'an passé", "2030-12-30", "2031-01-02"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("La date de début n'est pas dans l'année 2031.", RecordPages.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(count, await factory.WithDbAsync(db => db.Activities.CountAsync()));
    }

    [Fact]
    public async Task The_list_filters_by_year_kind_and_association()
    {
        var client = await factory.SignedInClientAsync("manager@portail.test");
        var expected = await factory.WithDbAsync(async db => new
        {
            Y2017 = await db.Activities.CountAsync(a => a.Year == 2017),
            Launches = await db.Activities.CountAsync(a => a.Kind == PartnershipPortal.Data.Entities.ActivityKind.CallForProjectsLaunch),
            Association = await db.Activities.SelectMany(a => a.Associations).Select(s => s.Id).FirstAsync(),
        });
        var ofAssociation = await factory.WithDbAsync(db => db.Activities.CountAsync(a => a.Associations.Any(s => s.Id == expected.Association)));

        Assert.Contains($"{expected.Y2017} résultat(s)", RecordPages.Text(await client.PageAsync("/Activities?year=2017")), StringComparison.Ordinal);
        Assert.Contains($"{expected.Launches} résultat(s)", RecordPages.Text(await client.PageAsync("/Activities?kind=CallForProjectsLaunch")), StringComparison.Ordinal);
        Assert.Contains($"{ofAssociation} résultat(s)", RecordPages.Text(await client.PageAsync($"/Activities?associationId={expected.Association}")), StringComparison.Ordinal);
        Assert.Contains("1 résultat(s)", RecordPages.Text(await client.PageAsync("/Activities?q=OIM&year=2018")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_association_filter_is_chosen_by_typing_not_from_a_list_of_every_association()
    {
        var client = await factory.SignedInClientAsync("manager@portail.test");
        var (chosen, other) = await factory.WithDbAsync(async db =>
        {
            var names = await db.Associations.OrderBy(a => a.Id).Select(a => new { a.Id, a.Name }).Take(2).ToListAsync();
            return ((names[0].Id, names[0].Name), names[1].Name);
        });

        var html = await client.PageAsync($"/Activities?associationId={chosen.Id}");

        Assert.Contains("role=\"combobox\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{System.Net.WebUtility.HtmlEncode(chosen.Name)}", html, StringComparison.Ordinal);
        Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(other), html, StringComparison.Ordinal);
    }
}
