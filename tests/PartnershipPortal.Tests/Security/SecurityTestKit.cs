using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Data.Seeding;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Security;

public static class SecurityTestKit
{
    public const string OtherAssociationEmail = "autre.association@portail.test";

    /// <summary>The demo association (linked to association@portail.test).</summary>
    public static Task<int> DemoAssociationIdAsync(PortalFactory factory) => factory.WithDbAsync(db => db.Associations
        .Where(a => a.RegistrationNumber == DemoDataSeeder.DemoAssociationRegistrationNumber)
        .Select(a => a.Id).SingleAsync());

    /// <summary>An Association account of a second association that has conventions of its own; created once per factory.</summary>
    public static async Task<int> EnsureOtherAssociationAccountAsync(PortalFactory factory)
    {
        var demoId = await DemoAssociationIdAsync(factory);
        var otherId = await factory.WithDbAsync(db => db.Associations
            .Where(a => a.Id != demoId && a.Conventions.Any())
            .OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        if (!await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == OtherAssociationEmail)))
        {
            await NewAccountAsync(factory, OtherAssociationEmail, Roles.Association, "Autre association", otherId);
        }

        return otherId;
    }

    /// <summary>A confirmed account in <paramref name="role"/> with the demo password; returns its id.</summary>
    public static async Task<string> NewAccountAsync(PortalFactory factory, string email, string role, string? fullName, int? associationId = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = fullName, AssociationId = associationId };
        Assert.True((await users.CreateAsync(user, PortalFactory.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }

    /// <summary>The names of the roles <paramref name="userId"/> holds, as stored.</summary>
    public static Task<List<string>> RolesOfAsync(PortalFactory factory, string userId) => factory.WithDbAsync(db => db.UserRoles
        .Where(r => r.UserId == userId)
        .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!)
        .ToListAsync());

    public static Task<string> UserIdAsync(PortalFactory factory, string email) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    public static HttpClient AnonymousClient(PortalFactory factory) =>
        factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    public static Task<HttpResponseMessage> TryLoginAsync(HttpClient client, string email, string password) =>
        client.PostFormAsync("/Account/Login", "/Account/Login", [new("Email", email), new("Password", password)]);

    public static bool IsLoginRedirect(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location is { } location
        && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString).StartsWith("/Account/Login", StringComparison.Ordinal);
}
