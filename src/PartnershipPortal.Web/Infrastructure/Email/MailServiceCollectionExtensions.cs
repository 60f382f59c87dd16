namespace PartnershipPortal.Web.Infrastructure.Email;

public static partial class MailServiceCollectionExtensions
{
    /// <summary>
    /// The outbox and its sender. SMTP when <c>Email:Smtp:Host</c> is set, else the pickup folder when
    /// <c>Email:PickupDirectory</c> is; with neither, mails are queued and kept until one is configured.
    /// </summary>
    public static IServiceCollection AddPortalMail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(EmailOptions.Section);
        services.Configure<EmailOptions>(section);
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<MailOutbox>();

        var options = section.Get<EmailOptions>() ?? new EmailOptions();
        if (!string.IsNullOrWhiteSpace(options.Smtp.Host))
        {
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }
        else if (!string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            services.AddSingleton<IMailTransport, PickupFolderMailTransport>();
        }
        else
        {
            services.AddHostedService<UnsentMailWarning>();
            return services;
        }

        services.AddScoped<OutboxSender>();
        if (options.Outbox.SendInBackground)
        {
            services.AddHostedService<OutboxDispatcher>();
        }

        return services;
    }

    private sealed partial class UnsentMailWarning(ILogger<UnsentMailWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            NoTransport(logger);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(EventId = 24, Level = LogLevel.Warning,
            Message = "No mail is sent: neither Email:Smtp:Host nor Email:PickupDirectory is set. Mails stay queued in the outbox until one is.")]
        private static partial void NoTransport(ILogger logger);
    }
}
