using PartnershipPortal.Web.Features.Account;
using PartnershipPortal.Web.Features.Activities;
using PartnershipPortal.Web.Features.Associations;
using PartnershipPortal.Web.Features.AuditLog;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Features.Calls;
using PartnershipPortal.Web.Features.Conventions;
using PartnershipPortal.Web.Features.Dashboard;
using PartnershipPortal.Web.Features.Domains;
using PartnershipPortal.Web.Features.Editions;
using PartnershipPortal.Web.Features.Lookups;
using PartnershipPortal.Web.Features.MonEspace;
using PartnershipPortal.Web.Features.Payments;
using PartnershipPortal.Web.Features.Projects;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Features.Users;

namespace PartnershipPortal.Web.Features;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>Every feature's services; each feature registers its own, in its folder.</summary>
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services) => services
        .AddAccounts()
        .AddUsers()
        .AddAuditLog()
        .AddMonEspace()
        .AddRecords()
        .AddBilan()
        .AddEditions()
        .AddPayments();

    /// <summary>The staff's record screens: associations, calls, conventions and projects, activities, domains, dashboard.</summary>
    public static IServiceCollection AddRecords(this IServiceCollection services)
    {
        services.AddScoped<RecordLookups>();
        services.AddScoped<AssociationService>();
        services.AddScoped<ConventionNumbering>();
        services.AddScoped<ConventionService>();
        services.AddScoped<CallService>();
        services.AddScoped<Applications.ApplicationService>();
        services.AddScoped<Applications.ApplicationAttachments>();
        services.AddScoped<Applications.ApplicationMailer>();
        services.AddScoped<Applications.SelectionService>();
        services.AddScoped<Registration.RegistrationService>();
        services.AddScoped<Applications.ReviewService>();
        services.AddScoped<Applications.DemoApplicationsSeeder>();
        services.AddScoped<ProjectService>();
        services.AddScoped<ActivityService>();
        services.AddScoped<DomainService>();
        services.AddScoped<DashboardService>();
        services.AddScoped<RecordSearch>();
        services.AddSingleton<ListCache>();
        services.AddScoped<LookupService>();
        services.AddScoped<ListExports>();
        return services;
    }
}
