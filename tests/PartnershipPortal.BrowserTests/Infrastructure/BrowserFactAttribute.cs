namespace PartnershipPortal.BrowserTests.Infrastructure;

/// <summary>
/// A browser test: skipped, with the install command, where Debian's Chromium is missing; under CI=true it runs anyway
/// and fails, so that a missing install step can never look green.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && !IsCi)
        {
            Skip = $"Chromium is not installed ({ChromiumPath}): run 'sudo apt-get install -y --no-install-recommends chromium' to run the browser tests.";
        }
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
