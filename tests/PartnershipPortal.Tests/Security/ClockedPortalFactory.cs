using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Security;

/// <summary>The portal with a clock the test moves: cookies, the security stamp check and the audit log all read it.</summary>
public sealed class ClockedPortalFactory : PortalFactory
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
