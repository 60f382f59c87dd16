namespace PartnershipPortal.Web.Features.Users;

public static class UsersServiceCollectionExtensions
{
    /// <summary>The administrators' account screens.</summary>
    public static IServiceCollection AddUsers(this IServiceCollection services) => services.AddScoped<UsersService>();
}
