namespace PartnershipPortal.Web.Features.Account;

public static class AccountServiceCollectionExtensions
{
    /// <summary>Sign-in, password and two-factor screens: the password-reset mail.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services) => services.AddScoped<PasswordResetMailer>();
}
