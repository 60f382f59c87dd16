using Microsoft.Extensions.Configuration;
using PartnershipPortal.Web.Infrastructure;

namespace PartnershipPortal.Tests.Units;

public sealed class HttpsAddressTests
{
    [Theory]
    [InlineData("urls", "http://0.0.0.0:8080", false)]
    [InlineData("urls", "http://localhost:5080;https://localhost:5443", true)]
    [InlineData("https_ports", "443", true)]
    [InlineData("Kestrel:Endpoints:Main:Url", "https://0.0.0.0:8443", true)]
    [InlineData("Kestrel:Endpoints:Main:Url", "http://0.0.0.0:8080", false)]
    public void Https_redirection_follows_only_an_https_address_given_to_the_process(string key, string value, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();

        Assert.Equal(expected, HttpsAddress.IsConfigured(configuration));
    }
}
