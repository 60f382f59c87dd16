namespace PartnershipPortal.Web.Features.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>Tranches, reports, the follow-up, reminders and the association's statement, with their rules from Rules:*.</summary>
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        services.AddOptions<TrancheRules>().BindConfiguration(TrancheRules.Section);
        services.AddOptions<ReportRules>().BindConfiguration(ReportRules.Section);
        services.AddOptions<ReminderRules>().BindConfiguration(ReminderRules.Section);
        services.AddScoped<PaymentService>();
        services.AddScoped<DemoPaymentsSeeder>();
        services.AddScoped<Reports.ReportService>();
        services.AddScoped<Reports.ReportMailer>();
        services.AddScoped<Reports.ReminderService>();
        services.AddScoped<Reports.StatementPdf>();
        services.AddScoped<Echeances.EcheanceService>();
        services.AddHostedService<Reports.ReminderDispatcher>();
        return services;
    }
}
