using Microsoft.AspNetCore.Localization;

namespace PartnershipPortal.Web.Features.Publications;

/// <summary>
/// The public pages' HTML kept in this instance's memory (ASP.NET Core output caching): an anonymous visitor's page is
/// rendered once per address and language, then served without the database. Publishing evicts every entry by
/// <see cref="Tag"/> on the instance that published; another instance shows the new version within <see cref="Lifetime"/>.
/// Signed-in readers are neither served nor stored (the default policy), and the rate limiter runs first, so a page
/// from the cache still counts against the visitor's limit.
/// </summary>
public static class PublicationsCache
{
    public const string Policy = "publications";

    public const string Tag = "publications";

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public static IServiceCollection AddPublicationsCache(this IServiceCollection services) =>
        services.AddOutputCache(options => options.AddPolicy(Policy, policy => policy
            .Expire(Lifetime)
            .Tag(Tag)
            .SetVaryByRouteValue("id", "number")
            // The language may come from the cookie, which the address does not show.
            .VaryByValue(context => new KeyValuePair<string, string>(
                "culture", context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name ?? ""))));
}
