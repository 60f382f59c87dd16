using System.Globalization;
using System.Text;

namespace PartnershipPortal.Web.Infrastructure.Email;

/// <summary>Sends the portal's few messages (password reset links).</summary>
public interface IEmailSender
{
    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken);
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "portail@ministere.invalid";

    /// <summary>Folder where each message is written as a .eml file; empty: the messages go to the log only.</summary>
    public string? PickupDirectory { get; set; }
}

/// <summary>
/// There is no SMTP server on the portal's network yet: messages are written as .eml files to a pickup folder
/// (which an SMTP relay or an operator can collect) or, without one, to the log.
/// </summary>
public sealed class PickupFolderEmailSender(
    Microsoft.Extensions.Options.IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        var folder = options.Value.PickupDirectory;
        if (string.IsNullOrWhiteSpace(folder))
        {
            // Never the body: it holds the single-use link, and whoever reads the log could use it.
            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning("E-mail to {To} ({Subject}) not delivered: neither Email:Smtp:Host nor Email:PickupDirectory is set", to, subject);
            }

            return;
        }

        Directory.CreateDirectory(folder);
        var now = time.GetUtcNow();
        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"From: {options.Value.From}\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: {to}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Subject: =?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(subject))}?=\r\n")
            .Append(CultureInfo.InvariantCulture, $"Date: {now.ToString("r", CultureInfo.InvariantCulture)}\r\n")
            .Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
            .Append(body)
            .ToString();
        var path = Path.Combine(folder, $"{now:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        await File.WriteAllTextAsync(path, message, Encoding.UTF8, cancellationToken);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("E-mail to {To} written to {Path}", to, path);
        }
    }
}
