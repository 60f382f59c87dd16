using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Data.Seeding;
using PartnershipPortal.Web;
using PartnershipPortal.Web.Features;
using PartnershipPortal.Web.Commands;
using PartnershipPortal.Web.Features.Files;
using PartnershipPortal.Web.Infrastructure;
using PartnershipPortal.Web.Infrastructure.Database;
using PartnershipPortal.Web.Infrastructure.Email;
using PartnershipPortal.Web.Infrastructure.Hosting;
using PartnershipPortal.Web.Infrastructure.Identity;
using PartnershipPortal.Web.Infrastructure.Localization;
using PartnershipPortal.Web.Infrastructure.Logging;
using PartnershipPortal.Web.Infrastructure.Security;

// Maintenance commands (generate ...) run instead of the web app; see Commands/PortalCommands.cs.
if (await PortalCommands.TryRunAsync(args))
{
    return;
}

var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;
builder.Logging.AddPortalLogging();

// Absolute links come from configuration only; outside Development the portal refuses to start without it.
var publicBaseUrl = PortalOptions.Read(builder.Configuration, builder.Environment);
services.AddSingleton(new PublicBaseAddress(publicBaseUrl));
services.AddSingleton<PublicLinks>();
if (!builder.Environment.IsDevelopment() && builder.Configuration["AllowedHosts"] is null)
{
    // Requests for any other host name answer 400: the public address is the only one the portal serves.
    services.PostConfigure<HostFilteringOptions>(o => o.AllowedHosts = [publicBaseUrl.IdnHost]);
}

services.AddPortalDatabase(builder.Configuration, builder.Environment);
services.AddHttpContextAccessor();
// Keys in the database: sign-in cookies and antiforgery tokens survive restarts and work behind several instances.
services.AddDataProtection().PersistKeysToDbContext<PortalDbContext>().SetApplicationName("PartnershipPortal");
services.AddScoped<ReferenceDataSeeder>();
services.AddScoped<DemoDataSeeder>();
services.AddScoped<IdentitySeeder>();
services.AddScoped<DatabaseInitializer>();
services.AddPortalFeatures();
services.AddFilesAndDossier(builder.Configuration);
services.AddPortalMail(builder.Configuration);
services.AddPortalTelemetry(builder.Configuration);

services.AddIdentity<ApplicationUser, IdentityRole>(options =>
    {
        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
        options.Password.RequiredLength = 12;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    })
    .AddEntityFrameworkStores<PortalDbContext>()
    .AddDefaultTokenProviders()
    .AddClaimsPrincipalFactory<PortalClaimsFactory>()
    .AddErrorDescriber<FrenchIdentityErrorDescriber>();

// Lifetimes, Secure and SameSite are set with the other security settings in AddPortalSecurity.
services.ConfigureApplicationCookie(options =>
{
    options.LoginPath = "/Account/Login";
    options.LogoutPath = "/Account/Logout";
    options.AccessDeniedPath = "/Account/AccessDenied";
    options.Cookie.Name = "portail.auth";
});
services.AddPortalSecurity(builder.Configuration, builder.Environment);

services.AddAuthorization(Policies.Add);
services.AddLocalization(o => o.ResourcesPath = "Resources");
services.Configure<RazorViewEngineOptions>(o =>
{
    // Feature folders: a controller, its view models and its views sit together under Features/{Feature}.
    o.ViewLocationFormats.Clear();
    o.ViewLocationFormats.Add("/Features/{1}/{0}.cshtml");
    o.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
});
services.AddControllersWithViews(options =>
    {
        options.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
    })
    .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
    .AddDataAnnotationsLocalization(o =>
        o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((options, factory) =>
    FrenchModelBindingMessages.Apply(options.ModelBindingMessageProvider, factory.Create(typeof(SharedResource))));

// Razor would otherwise write every accented letter and all Arabic as &#x...; entities.
services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

services.Configure<RequestLocalizationOptions>(options =>
{
    var cultures = PortalCultures.Supported.Select(PortalCultures.Create).ToList();
    options.DefaultRequestCulture = new RequestCulture(PortalCultures.Create(PortalCultures.Default));
    options.SupportedCultures = cultures;
    options.SupportedUICultures = cultures;
    // ?culture=ar for a link, then the cookie set by the language picker; French, not the browser's language, by default.
    options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
});

services.AddHealthChecks()
    .AddDbContextCheck<PortalDbContext>("database", tags: ["database", "ready"])
    .AddCheck<MigrationsHealthCheck>("migrations", tags: ["ready"]);

var app = builder.Build();

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
}

app.UseRequestLine();
app.UsePortalSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error/500");
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/Error/{0}");

// TLS belongs to the reverse proxy; redirect only when this process itself was given an HTTPS address.
if (HttpsAddress.IsConfigured(app.Configuration))
{
    app.UseHttpsRedirection();
}

app.UseRequestLocalization();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UsePortalSecurity();
// After the rate limiter, so that a page served from the cache still counts; after authentication, so that signed-in
// readers bypass it (Features/Publications/PublicationsCache).
app.UseOutputCache();

app.MapStaticAssets().AllowAnonymous();
// /health (database) as before; /health/live: the process answers; /health/ready: database and migrations, for a load balancer.
app.MapHealthChecks("/health", HealthAnswer(check => check.Tags.Contains("database"))).AllowAnonymous();
app.MapHealthChecks("/health/live", HealthAnswer(_ => false)).AllowAnonymous();
app.MapHealthChecks("/health/ready", HealthAnswer(check => check.Tags.Contains("ready"))).AllowAnonymous();
app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}").WithStaticAssets();

await app.RunAsync();

static HealthCheckOptions HealthAnswer(Func<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration, bool> predicate) => new()
{
    Predicate = predicate,
    ResultStatusCodes =
    {
        [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy] = StatusCodes.Status200OK,
        [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded] = StatusCodes.Status200OK,
        [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
    },
};

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
