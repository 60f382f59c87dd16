namespace PartnershipPortal.Web.Commands;

/// <summary>
/// The container's HEALTHCHECK: <c>healthcheck [URL]</c> asks the portal's own /health/live (default
/// http://127.0.0.1:8080/health/live). The runtime image has no curl, and the Host header must be the public host,
/// the only one the portal serves outside Development.
/// </summary>
public static class HealthCheckCommand
{
    public const string Name = "healthcheck";

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var url = args.Length > 0 ? args[0] : "http://127.0.0.1:8080/health/live";
        var publicBase = Environment.GetEnvironmentVariable("Portal__PublicBaseUrl");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (Uri.TryCreate(publicBase, UriKind.Absolute, out var host))
        {
            request.Headers.Host = host.Authority;
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            await output.WriteLineAsync($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (HttpRequestException e)
        {
            await output.WriteLineAsync($"{url}: {e.Message}");
            return 1;
        }
    }
}
