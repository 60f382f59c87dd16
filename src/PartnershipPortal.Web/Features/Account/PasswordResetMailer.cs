using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Infrastructure.Email;
using PartnershipPortal.Web.Infrastructure.Hosting;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Account;

/// <summary>
/// Queues a single-use link to choose a new password: on request, to a new account, or when an administrator forces it.
/// The mail is saved with the caller's next save, in the same transaction as what caused it (see <see cref="MailOutbox"/>).
/// </summary>
public sealed class PasswordResetMailer(
    UserManager<ApplicationUser> userManager,
    MailOutbox outbox,
    PublicLinks links,
    IStringLocalizer<SharedResource> localizer)
{
    public async Task QueueAsync(ApplicationUser user)
    {
        var token = await userManager.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        var link = links.Action(nameof(PasswordController.ResetPassword), "Account", new { userId = user.Id, code }).AbsoluteUri;

        // The mail is read by its recipient: in the language they chose, not in the language of the administrator who sent it.
        var requestCulture = CultureInfo.CurrentUICulture;
        if (!string.IsNullOrEmpty(user.PreferredCulture))
        {
            CultureInfo.CurrentUICulture = PortalCultures.Create(PortalCultures.Normalize(user.PreferredCulture));
        }

        string subject;
        string body;
        try
        {
            body = string.Format(CultureInfo.InvariantCulture, "{0}\r\n\r\n{1}\r\n\r\n{2}\r\n\r\n{3}\r\n",
                localizer["Bonjour,"],
                localizer["Pour choisir un nouveau mot de passe sur le portail du partenariat associatif, ouvrez ce lien :"],
                link,
                localizer["Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé."]);
            subject = localizer["Réinitialisation de votre mot de passe"];
        }
        finally
        {
            CultureInfo.CurrentUICulture = requestCulture;
        }

        outbox.Add(user.Email!, subject, body);
    }
}
