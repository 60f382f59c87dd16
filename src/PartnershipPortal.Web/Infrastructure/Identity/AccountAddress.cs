using Microsoft.AspNetCore.Identity;

namespace PartnershipPortal.Web.Infrastructure.Identity;

/// <summary>
/// An account's address is also its Identity user name: an address with a character the user name may not hold
/// (an accent, a space) would be refused by Identity only at the save, as a bare failure, so it is refused first,
/// beside the field, with its reason.
/// </summary>
public static class AccountAddress
{
    public static bool CanBeUserName(string email, UserOptions options) =>
        string.IsNullOrEmpty(options.AllowedUserNameCharacters) || email.All(options.AllowedUserNameCharacters.Contains);
}
