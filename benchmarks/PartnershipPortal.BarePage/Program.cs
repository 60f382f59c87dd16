using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;

// The bare page the portal's lists are measured against (benchmarks/bare.sh): the same database and model, one EF
// Core query of 100 rows, one Razor view, and nothing else: no sign-in, no localization, no layout, no filters.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddDbContext<PortalDbContext>(options =>
    options.UseSqlite(builder.Configuration.GetConnectionString("Portal") ?? throw new InvalidOperationException("ConnectionStrings:Portal is required.")));
builder.Services.AddControllersWithViews();

var app = builder.Build();
app.MapDefaultControllerRoute();
app.Run();
