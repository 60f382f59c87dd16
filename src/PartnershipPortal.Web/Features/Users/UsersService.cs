using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Auditing;
using PartnershipPortal.Web.Infrastructure.Identity;

namespace PartnershipPortal.Web.Features.Users;

/// <summary>Accounts, as administrators manage them. Every change is staged in the audit log before Identity saves it.</summary>
public sealed class UsersService(
    PortalDbContext db, UserManager<ApplicationUser> users, AuditWriter audit, TimeProvider time, IStringLocalizer<SharedResource> l)
{
    public const int PageSize = 20;
    private const string UserType = nameof(ApplicationUser);

    public async Task<UserListViewModel> ListAsync(string? search, int page, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            var upper = term.ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(upper) || (u.FullName != null && u.FullName.Contains(term))
                || (u.Association != null && u.Association.Name.Contains(term)));
        }

        var now = time.GetUtcNow();
        var shown = await query.OrderBy(u => u.NormalizedEmail).ToFixedPageAsync(page, PageSize, u => new
        {
            u.Id,
            u.Email,
            u.FullName,
            Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).FirstOrDefault(),
            AssociationName = u.Association == null ? null : u.Association.Name,
            u.LockoutEnd,
            u.TwoFactorEnabled,
            HasPassword = u.PasswordHash != null,
        }, cancellationToken);
        return new UserListViewModel(
            shown.Items.Select(u => new UserRow(u.Id, u.Email ?? "", u.FullName, u.Role, u.AssociationName,
                u.LockoutEnd is { } end && end >= now, u.TwoFactorEnabled, u.HasPassword)).ToList(),
            search, shown.Page, shown.PageCount, shown.Total);
    }

    public async Task<UserFormViewModel?> GetFormAsync(string id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var form = new UserFormViewModel
        {
            Id = user.Id,
            Email = user.Email ?? "",
            FullName = user.FullName ?? "",
            Role = await RoleOfAsync(user.Id, cancellationToken) ?? "",
            AssociationId = user.AssociationId,
        };
        return await WithOptionsAsync(form, cancellationToken);
    }

    public async Task<UserFormViewModel> WithOptionsAsync(UserFormViewModel form, CancellationToken cancellationToken)
    {
        form.Associations = await db.Associations.AsNoTracking()
            .OrderBy(a => a.Name)
            .Select(a => new AssociationOption(a.Id, a.Name))
            .ToListAsync(cancellationToken);
        return form;
    }

    /// <summary>Checks the form against the database; adds French errors keyed by property.</summary>
    public async Task<Dictionary<string, string>> ValidateAsync(UserFormViewModel form, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (!Roles.All.Contains(form.Role))
        {
            errors[nameof(form.Role)] = "Choisissez un rôle dans la liste.";
        }

        if (form.Role == Roles.Association)
        {
            if (form.AssociationId is not int associationId
                || !await db.Associations.AnyAsync(a => a.Id == associationId, cancellationToken))
            {
                errors[nameof(form.AssociationId)] = "Un compte Association doit être rattaché à son association.";
            }
        }

        if (!AccountAddress.CanBeUserName(form.Email.Trim(), users.Options.User))
        {
            errors[nameof(form.Email)] = "L'adresse électronique ne peut contenir que des lettres sans accent, des chiffres et les signes - . _ @ +.";
        }

        var existing = await users.FindByEmailAsync(form.Email);
        if (existing is not null && existing.Id != form.Id)
        {
            errors[nameof(form.Email)] = "Un compte existe déjà avec cette adresse électronique.";
        }

        return errors;
    }

    public async Task<(IdentityResult Result, ApplicationUser? User)> CreateAsync(UserFormViewModel form, CancellationToken cancellationToken)
    {
        var user = new ApplicationUser
        {
            UserName = form.Email.Trim(),
            Email = form.Email.Trim(),
            EmailConfirmed = true,
            FullName = form.FullName.Trim(),
            AssociationId = form.Role == Roles.Association ? form.AssociationId : null,
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        var result = await InTransactionAsync(async () =>
        {
            audit.Stage(AuditActions.AccountChanged, UserType, user.Id, details: "Compte créé", newValues: Describe(user, form.Role));

            // No password: the new user chooses one through the reset link they are sent.
            var created = await users.CreateAsync(user);
            return created.Succeeded ? await users.AddToRoleAsync(user, form.Role) : created;
        }, cancellationToken);
        return (result, result.Succeeded ? user : null);
    }

    public async Task<SaveOutcome> UpdateAsync(UserFormViewModel form, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(form.Id ?? "");
        if (user is null)
        {
            return SaveOutcome.Missing();
        }

        var oldRole = await RoleOfAsync(user.Id, cancellationToken);
        if (oldRole == Roles.Administrator && form.Role != Roles.Administrator && await IsLastActiveAdministratorAsync(user, cancellationToken))
        {
            return LastAdministrator();
        }

        var before = Describe(user, oldRole);
        var result = await InTransactionAsync(async () =>
        {
            user.Email = form.Email.Trim();
            user.UserName = form.Email.Trim();
            user.FullName = form.FullName.Trim();
            user.AssociationId = form.Role == Roles.Association ? form.AssociationId : null;
            audit.Stage(AuditActions.AccountChanged, UserType, user.Id, details: "Compte modifié",
                oldValues: before, newValues: Describe(user, form.Role));
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded || oldRole == form.Role)
            {
                return updated;
            }

            if (oldRole is not null)
            {
                var removed = await users.RemoveFromRoleAsync(user, oldRole);
                if (!removed.Succeeded)
                {
                    return removed;
                }
            }

            return await users.AddToRoleAsync(user, form.Role);
        }, cancellationToken);

        // Role and association live in the cookie: the new stamp signs the user out at the next check.
        if (result.Succeeded)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        return result.Succeeded ? SaveOutcome.Done() : NotSaved(result);
    }

    public async Task<SaveOutcome> SetLockedAsync(string id, bool locked, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return SaveOutcome.Missing();
        }

        if (locked && await IsLastActiveAdministratorAsync(user, cancellationToken))
        {
            return LastAdministrator();
        }

        await InTransactionAsync(async () =>
        {
            audit.Stage(AuditActions.AccountChanged, UserType, user.Id, details: locked ? "Compte verrouillé" : "Compte déverrouillé");
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
            if (!locked)
            {
                await users.ResetAccessFailedCountAsync(user);
            }

            // A new stamp ends the locked user's open sessions at the next validation (at most 5 minutes).
            return await users.UpdateSecurityStampAsync(user);
        }, cancellationToken);
        return SaveOutcome.Done();
    }

    public async Task<SaveOutcome> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return SaveOutcome.Missing();
        }

        if (await IsLastActiveAdministratorAsync(user, cancellationToken))
        {
            return LastAdministrator();
        }

        audit.Stage(AuditActions.AccountChanged, UserType, user.Id, details: "Compte supprimé",
            oldValues: Describe(user, await RoleOfAsync(user.Id, cancellationToken)));
        var result = await users.DeleteAsync(user);
        return result.Succeeded ? SaveOutcome.Done() : NotSaved(result);
    }

    /// <summary>Removes the password (which ends every session) so that the only way back in is the reset link.</summary>
    public async Task<ApplicationUser?> ForcePasswordResetAsync(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return null;
        }

        await InTransactionAsync(async () =>
        {
            audit.Stage(AuditActions.PasswordReset, UserType, user.Id, details: "Réinitialisation imposée par un administrateur");
            return user.PasswordHash is null ? await users.UpdateSecurityStampAsync(user) : await users.RemovePasswordAsync(user);
        }, cancellationToken);
        return user;
    }

    /// <summary>For a user who lost their phone and their recovery codes: they enrol again at their next sign-in.</summary>
    public async Task<SaveOutcome> ResetTwoFactorAsync(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return SaveOutcome.Missing();
        }

        await InTransactionAsync(async () =>
        {
            audit.Stage(AuditActions.TwoFactorChanged, UserType, user.Id, details: "Double authentification retirée par un administrateur");
            await users.SetTwoFactorEnabledAsync(user, false);
            return await users.ResetAuthenticatorKeyAsync(user);
        }, cancellationToken);
        return SaveOutcome.Done();
    }

    public async Task<ApplicationUser?> FindAsync(string id) => await users.FindByIdAsync(id);

    public void StageResetLinkSent(ApplicationUser user) =>
        audit.Stage(AuditActions.PasswordReset, UserType, user.Id, details: "Lien de réinitialisation envoyé par un administrateur");

    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    private SaveOutcome LastAdministrator() =>
        SaveOutcome.Refused(l["C'est le dernier administrateur actif : il ne peut être ni supprimé, ni rétrogradé, ni verrouillé."]);

    /// <summary>
    /// Identity refused the change after our checks (another administrator saved the account meanwhile): nothing was
    /// committed, and its reason, already French through the portal's describer, is shown.
    /// </summary>
    private static SaveOutcome NotSaved(IdentityResult result) => SaveOutcome.Refused(result.Errors.First().Description);

    /// <summary>The last administrator who can still sign in cannot be removed, demoted or locked.</summary>
    private async Task<bool> IsLastActiveAdministratorAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var activeAdministrators = await db.UserRoles
            .Join(db.Roles.Where(r => r.Name == Roles.Administrator), ur => ur.RoleId, r => r.Id, (ur, r) => ur.UserId)
            .Join(db.Users, id => id, u => u.Id, (id, u) => u)
            .Select(u => new { u.Id, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        // Locked until its end included, as Identity's own sign-in check reads it.
        var active = activeAdministrators.Where(a => a.LockoutEnd is null || a.LockoutEnd < now).Select(a => a.Id).ToList();
        return active.Contains(user.Id) && active.Count == 1;
    }

    private Task<string?> RoleOfAsync(string userId, CancellationToken cancellationToken) => db.UserRoles
        .Where(ur => ur.UserId == userId)
        .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name)
        .FirstOrDefaultAsync(cancellationToken);

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static string Describe(ApplicationUser user, string? role) => JsonSerializer.Serialize(new
    {
        user.Email,
        user.FullName,
        Role = role,
        user.AssociationId,
    }, Json);

    /// <summary>Identity saves after each call: one transaction makes the audit line and every step commit together.</summary>
    private async Task<IdentityResult> InTransactionAsync(Func<Task<IdentityResult>> work, CancellationToken cancellationToken)
    {
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work();
            if (result.Succeeded)
            {
                await transaction.CommitAsync(ct);
            }

            return result;
        }, cancellationToken);
    }
}
