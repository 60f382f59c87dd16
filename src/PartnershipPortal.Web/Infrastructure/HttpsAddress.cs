namespace PartnershipPortal.Web.Infrastructure;

public static class HttpsAddress
{
    /// <summary>True when --urls, ASPNETCORE_URLS/HTTPS_PORTS or a Kestrel endpoint gives this process an HTTPS address.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        var urls = configuration["urls"] ?? "";
        if (urls.Contains("https://", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!string.IsNullOrWhiteSpace(configuration["https_ports"]))
        {
            return true;
        }

        return configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Any(e => e["Url"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true);
    }
}
