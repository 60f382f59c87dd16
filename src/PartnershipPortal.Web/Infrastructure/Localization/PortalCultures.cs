namespace PartnershipPortal.Web.Infrastructure.Localization;

public static class PortalCultures
{
    public const string Default = "fr";

    public static readonly IReadOnlyList<string> Supported = ["fr"];
}
