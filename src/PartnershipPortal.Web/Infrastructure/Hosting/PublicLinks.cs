namespace PartnershipPortal.Web.Infrastructure.Hosting;

/// <summary>
/// Absolute links for mails (password reset, account creation, later reminders), from <c>Portal:PublicBaseUrl</c> only:
/// a forged Host or X-Forwarded-Host header cannot send a token to another site.
/// </summary>
public sealed class PublicLinks(PublicBaseAddress baseAddress, LinkGenerator links)
{
    public Uri BaseAddress => baseAddress.Uri;

    /// <summary>The absolute address of a controller action, with its route values in the path or query.</summary>
    public Uri Action(string action, string controller, object? values = null)
    {
        // The path comes from routing with an explicit empty PathBase, so nothing of the current request leaks in.
        var path = links.GetPathByAction(action, controller, values, PathString.Empty)
            ?? throw new InvalidOperationException($"No route leads to {controller}.{action}.");
        var root = baseAddress.Uri.AbsoluteUri.TrimEnd('/');
        return new Uri(root + path, UriKind.Absolute);
    }
}

/// <summary>The configured public address, read once at start (see <see cref="PortalOptions.Read"/>).</summary>
public sealed record PublicBaseAddress(Uri Uri);
