namespace PartnershipPortal.Web.Infrastructure.Hosting;

/// <summary>The "Portal" section of the configuration.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    public const string PublicBaseUrlKey = Section + ":" + nameof(PublicBaseUrl);

    /// <summary>
    /// The address people use to reach the portal (https://partenariat.ministere.example): every absolute link in a mail
    /// is built from it, never from the request, whose Host and X-Forwarded-Host a client chooses.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Used in Development only when the key is absent: the launch profile's address.</summary>
    public const string DevelopmentBaseUrl = "http://localhost:5080";

    /// <summary>The configured base address, or why it cannot be used (the message names the key).</summary>
    public static Uri Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var value = configuration[PublicBaseUrlKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            if (environment.IsDevelopment())
            {
                return new Uri(DevelopmentBaseUrl);
            }

            throw new InvalidOperationException(
                $"{PublicBaseUrlKey} is required outside Development: the public address of the portal (for example https://partenariat.ministere.example), from which the links in mails are built. Set it in configuration or as the environment variable Portal__PublicBaseUrl.");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InvalidOperationException(
                $"{PublicBaseUrlKey} must be an absolute http or https address without query, fragment or credentials; '{value}' is not.");
        }

        return uri;
    }
}
