using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Culture;

/// <summary>The language picker of the header: remembers the choice in a cookie and, when signed in, in the profile.</summary>
[AllowAnonymous]
public sealed class CultureController(UserManager<ApplicationUser> users) : Controller
{
    /// <summary>ViewData flag of a page the server caches for every anonymous visitor (its picker then goes by GET).</summary>
    public const string CachedPageKey = "CachedPublicPage";

    /// <summary>
    /// The anonymous visitor's choice from a cached public page: only the language cookie, no profile, so a GET is
    /// enough and the cached page needs no antiforgery token.
    /// </summary>
    [HttpGet]
    public IActionResult Choose(string culture, string? returnUrl)
    {
        WriteCookie(Response, PortalCultures.Normalize(culture));
        return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    [HttpPost]
    public async Task<IActionResult> Set(string culture, string? returnUrl)
    {
        var language = PortalCultures.Normalize(culture);
        WriteCookie(Response, language);

        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user && user.PreferredCulture != language)
        {
            user.PreferredCulture = language;
            await users.UpdateAsync(user);
        }

        return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    public static void WriteCookie(HttpResponse response, string language) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions
            {
                // A lifetime rather than a date: the browser counts it, the server reads no clock.
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = response.HttpContext.Request.IsHttps,
            });
}
