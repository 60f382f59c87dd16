using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Infrastructure.Email;

namespace PartnershipPortal.Web.Features.Account;

/// <summary>Mails a single-use link to choose a new password: on request, to a new account, or when an administrator forces it.</summary>
public sealed class PasswordResetMailer(
    UserManager<ApplicationUser> userManager,
    IEmailSender email,
    LinkGenerator links,
    IHttpContextAccessor accessor,
    IStringLocalizer<SharedResource> localizer)
{
    public async Task SendAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        var token = await userManager.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        var link = links.GetUriByAction(accessor.HttpContext!, nameof(AccountController.ResetPassword), "Account", new { userId = user.Id, code })!;
        var body = string.Format(CultureInfo.InvariantCulture, "{0}\r\n\r\n{1}\r\n\r\n{2}\r\n\r\n{3}\r\n",
            localizer["Bonjour,"],
            localizer["Pour choisir un nouveau mot de passe sur le portail du partenariat associatif, ouvrez ce lien :"],
            link,
            localizer["Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé."]);
        await email.SendAsync(user.Email!, localizer["Réinitialisation de votre mot de passe"], body, cancellationToken);
    }
}
