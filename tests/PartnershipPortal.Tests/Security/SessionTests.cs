using System.Net;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Security;

/// <summary>Session life: the clock is moved by hand, nothing sleeps.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task A_locked_account_is_signed_out_within_the_five_minute_stamp_interval()
    {
        using var factory = new ClockedPortalFactory();
        using var agent = await factory.SignedInClientAsync("agent@portail.test");
        using var admin = await factory.SignedInClientAsync("admin@portail.test");
        var agentId = await SecurityTestKit.UserIdAsync(factory, "agent@portail.test");

        var locked = await admin.PostFormAsync($"/Users/Edit/{agentId}", $"/Users/Lock/{agentId}", []);
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);

        // Within the interval the cookie is not checked yet...
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/Account/ChangePassword")).StatusCode);

        // ...and once it has passed, the stale stamp ends the session.
        factory.Clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
        Assert.True(SecurityTestKit.IsLoginRedirect(await agent.GetAsync("/Account/ChangePassword")));

        // The admin's own session, validated at the same moment, goes on.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Users")).StatusCode);
    }

    [Fact]
    public async Task A_role_change_takes_effect_within_the_stamp_interval()
    {
        using var factory = new ClockedPortalFactory();
        using var association = await factory.SignedInClientAsync("association@portail.test");
        using var admin = await factory.SignedInClientAsync("admin@portail.test");
        var id = await SecurityTestKit.UserIdAsync(factory, "association@portail.test");

        var changed = await admin.PostFormAsync($"/Users/Edit/{id}", $"/Users/Edit/{id}",
            [new("Email", "association@portail.test"), new("FullName", "Ancien compte association"), new("Role", Data.Entities.Roles.Manager)]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        factory.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.True(SecurityTestKit.IsLoginRedirect(await association.GetAsync("/MonEspace")));

        using var again = await factory.SignedInClientAsync("association@portail.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync("/MonEspace")).StatusCode);
    }

    [Fact]
    public async Task A_session_idle_for_30_minutes_ends_and_an_active_one_ends_after_its_absolute_lifetime()
    {
        using var factory = new ClockedPortalFactory();
        using var idle = await factory.SignedInClientAsync("manager@portail.test");
        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.True(SecurityTestKit.IsLoginRedirect(await idle.GetAsync("/Account/ChangePassword")));

        using var active = await factory.SignedInClientAsync("agent@portail.test");
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(7.9); elapsed += TimeSpan.FromMinutes(14))
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(14));
            Assert.Equal(HttpStatusCode.OK, (await active.GetAsync("/Account/ChangePassword")).StatusCode);
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.True(SecurityTestKit.IsLoginRedirect(await active.GetAsync("/Account/ChangePassword")));
    }
}
