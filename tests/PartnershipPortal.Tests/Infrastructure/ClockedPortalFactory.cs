using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace PartnershipPortal.Tests.Infrastructure;

/// <summary>
/// The portal with a clock that stands still until the test moves it: cookies, the security stamp check, the audit
/// log and the exports' "generated on" all read it, so a test that checks a date or a delay never depends on the
/// wall clock (a run across midnight UTC gives the same answers).
/// </summary>
public class ClockedPortalFactory : PortalFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override DateTimeOffset StartTime => Clock.GetUtcNow();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
