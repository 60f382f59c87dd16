using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Records;

public sealed class ScreenSmokeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/Dashboard")]
    [InlineData("/Dashboard?year=2018")]
    [InlineData("/Associations")]
    [InlineData("/Associations?sort=total&desc=true&page=2")]
    [InlineData("/Associations/Details/1")]
    [InlineData("/Associations/Edit/1")]
    [InlineData("/Associations/Create")]
    [InlineData("/Calls")]
    [InlineData("/Calls?sort=conventions")]
    [InlineData("/Calls/Details/1")]
    [InlineData("/Calls/Edit/1")]
    [InlineData("/Calls/Create")]
    [InlineData("/Conventions")]
    [InlineData("/Conventions?year=2017&domainId=1&region=Oriental&sort=association")]
    [InlineData("/Conventions/Details/1")]
    [InlineData("/Conventions/Edit/1")]
    [InlineData("/Conventions/Create")]
    [InlineData("/Conventions/Delete/1")]
    [InlineData("/Projects")]
    [InlineData("/Projects?year=2018&sort=amount&desc=true&city=Rabat")]
    [InlineData("/Projects/Details/1")]
    [InlineData("/Projects/Edit/1")]
    [InlineData("/Activities")]
    [InlineData("/Activities/Details/1")]
    [InlineData("/Activities/Edit/1")]
    [InlineData("/Activities/Create")]
    public async Task Agent_opens_every_screen(string url)
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        await client.PageAsync(url);
    }

    [Theory]
    [InlineData("/Domains")]
    [InlineData("/Domains/Edit/1")]
    [InlineData("/Domains/Create")]
    [InlineData("/Domains/Delete/1")]
    [InlineData("/Associations/Delete/1")]
    [InlineData("/Calls/Delete/1")]
    [InlineData("/Projects/Delete/1")]
    [InlineData("/Activities/Delete/1")]
    public async Task Administrator_opens_domains_and_delete_pages(string url)
    {
        var client = await factory.SignedInClientAsync("admin@portail.test");
        await client.PageAsync(url);
    }
}
