using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Account;
using PartnershipPortal.Web.Features.Associations;
using PartnershipPortal.Web.Features.Dossier;
using PartnershipPortal.Web.Features.Files;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Email;
using PartnershipPortal.Web.Infrastructure.Identity;

namespace PartnershipPortal.Web.Features.Registration;

/// <summary>The public form's fields, read from the streamed multipart upload (the récépissé comes last).</summary>
public sealed record RegistrationFields(
    string? Name, string? NameAr, string? RegistrationNumber, string? Region, string? City, string? Address,
    string? ContactPerson, string? Email, string? Phone)
{
    public static RegistrationFields From(ReceivedUpload upload) => new(
        upload.Field("Name"), upload.Field("NameAr"), upload.Field("RegistrationNumber"), upload.Field("Region"), upload.Field("City"),
        upload.Field("Address"), upload.Field("ContactPerson"), upload.Field("Email"), upload.Field("Phone"));
}

public sealed record RegistrationRow(
    int Id, string Name, string RegistrationNumber, string City, string Email, RegistrationStatus Status, DateTime CreatedAtUtc, bool KnownNumber);

public sealed class RegistrationPage
{
    public required RegistrationRequest Request { get; init; }

    public string? KnownAssociation { get; init; }

    public string? Reason { get; set; }
}

/// <summary>Registration requests: the public form, then the administrator's approval or rejection, both mailed.</summary>
public sealed class RegistrationService(
    PortalDbContext db, FileStore store, DossierService dossier, UserManager<ApplicationUser> users, PasswordResetMailer passwordMailer,
    MailOutbox outbox, TimeProvider time, IStringLocalizer<SharedResource> l)
{
    public const string AttachedTo = nameof(RegistrationRequest);

    /// <summary>Checks every field before the file is kept: a refused request stores nothing, file included.</summary>
    public async Task<string?> SubmitAsync(ReceivedUpload upload, CancellationToken cancellationToken)
    {
        var f = RegistrationFields.From(upload);
        if (new[] { f.Name, f.RegistrationNumber, f.City, f.ContactPerson, f.Email }.Any(string.IsNullOrWhiteSpace))
        {
            return l["Le nom, le numéro d'enregistrement, la ville, la personne de contact et l'adresse électronique sont obligatoires."];
        }

        if (!Enum.TryParse<Region>(f.Region, out var region) || !Enum.IsDefined(region))
        {
            return l["Choisissez la région de l'association."];
        }

        var email = f.Email!.Trim();
        if (email.Length > 256 || !MailAddress.TryCreate(email, out _) || !new EmailAddressAttribute().IsValid(email))
        {
            return l["L'adresse électronique n'est pas valide."];
        }

        if (!AccountAddress.CanBeUserName(email, users.Options.User))
        {
            return l["L'adresse électronique ne peut contenir que des lettres sans accent, des chiffres et les signes - . _ @ +."];
        }

        if ((f.Name!.Trim().Length > 250) || (f.NameAr?.Trim().Length > 250) || f.RegistrationNumber!.Trim().Length > 50 || f.City!.Trim().Length > 100
            || f.Address?.Trim().Length > 300 || f.ContactPerson!.Trim().Length > 150 || f.Phone?.Trim().Length > 30)
        {
            return l["Un des champs est trop long."];
        }

        var request = new RegistrationRequest
        {
            Name = f.Name.Trim(), NameAr = AssociationService.Clean(f.NameAr), RegistrationNumber = f.RegistrationNumber.Trim(), Region = region,
            City = f.City.Trim(), Address = AssociationService.Clean(f.Address), ContactPerson = f.ContactPerson.Trim(), Email = email,
            Phone = AssociationService.Clean(f.Phone),
        };

        // Saved by the file store's own save, in the same transaction as the file.
        db.RegistrationRequests.Add(request);
        var (file, refusal) = await store.SaveAsync(upload, null, AttachedTo, null, cancellationToken);
        if (refusal is not null)
        {
            db.ChangeTracker.Clear();
            return dossier.Message(refusal);
        }

        request.ReceiptFileId = file!.Id;
        file.AttachedToId = request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public Task<List<RegistrationRow>> ListAsync(CancellationToken cancellationToken) =>
        db.RegistrationRequests.AsNoTracking()
            .OrderBy(r => r.Status == RegistrationStatus.Pending ? 0 : 1).ThenByDescending(r => r.CreatedAtUtc)
            .Take(500)
            .Select(r => new RegistrationRow(r.Id, r.Name, r.RegistrationNumber, r.City, r.Email, r.Status, r.CreatedAtUtc,
                db.Associations.Any(a => a.RegistrationNumber == r.RegistrationNumber)))
            .ToListAsync(cancellationToken);

    public async Task<RegistrationPage?> PageAsync(int id, CancellationToken cancellationToken)
    {
        var request = await db.RegistrationRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var known = await db.Associations.Where(a => a.RegistrationNumber == request.RegistrationNumber).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken);
        return new RegistrationPage { Request = request, KnownAssociation = known };
    }

    /// <summary>
    /// The association (or the one already known by its number) and its account, the request's status and both mails
    /// commit together or not at all.
    /// </summary>
    public async Task<SaveOutcome> ApproveAsync(int id, CancellationToken cancellationToken)
    {
        var request = await db.RegistrationRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return SaveOutcome.Missing();
        }

        if (request.Status != RegistrationStatus.Pending)
        {
            return SaveOutcome.Refused(l["Cette demande a déjà été traitée."]);
        }

        if (await users.FindByEmailAsync(request.Email) is not null)
        {
            return SaveOutcome.Refused(l["Un compte existe déjà avec cette adresse électronique."]);
        }

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var association = await db.Associations.SingleOrDefaultAsync(a => a.RegistrationNumber == request.RegistrationNumber, ct);
            if (association is null)
            {
                association = new Association
                {
                    Name = request.Name, NameAr = request.NameAr, RegistrationNumber = request.RegistrationNumber, Region = request.Region,
                    City = request.City, Address = request.Address, ContactPerson = request.ContactPerson, Email = request.Email, Phone = request.Phone,
                };
                db.Associations.Add(association);
                await db.SaveChangesAsync(ct);
            }

            var user = new ApplicationUser
            {
                UserName = request.Email, Email = request.Email, EmailConfirmed = true, FullName = request.ContactPerson,
                AssociationId = association.Id, CreatedAtUtc = time.GetUtcNow().UtcDateTime, LockoutEnabled = true,
            };
            var created = await users.CreateAsync(user);
            if (created.Succeeded)
            {
                created = await users.AddToRoleAsync(user, Roles.Association);
            }

            if (!created.Succeeded)
            {
                return SaveOutcome.Refused(string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            request.Status = RegistrationStatus.Approved;
            request.AssociationId = association.Id;
            request.DecidedAtUtc = time.GetUtcNow().UtcDateTime;
            outbox.Add(request.Email, l["Votre demande d'inscription est acceptée"],
                $"{l["Bonjour,"]}\r\n\r\n{l["La demande d'inscription de « {0} » au portail du partenariat associatif est acceptée.", request.Name]}\r\n\r\n"
                + $"{l["Un second message vous donne le lien pour choisir votre mot de passe."]}\r\n");
            await passwordMailer.QueueAsync(user);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return SaveOutcome.Saved(id);
        }, cancellationToken);
    }

    public async Task<SaveOutcome> RejectAsync(int id, string? reason, CancellationToken cancellationToken)
    {
        var request = await db.RegistrationRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return SaveOutcome.Missing();
        }

        if (request.Status != RegistrationStatus.Pending)
        {
            return SaveOutcome.Refused(l["Cette demande a déjà été traitée."]);
        }

        var cleaned = AssociationService.Clean(reason);
        if (cleaned is null || cleaned.Length > 2000)
        {
            return SaveOutcome.Refused(l["Donnez le motif du refus (2 000 caractères au plus) : il est envoyé au demandeur."]);
        }

        request.Status = RegistrationStatus.Rejected;
        request.RejectionReason = cleaned;
        request.DecidedAtUtc = time.GetUtcNow().UtcDateTime;
        outbox.Add(request.Email, l["Votre demande d'inscription n'est pas acceptée"],
            $"{l["Bonjour,"]}\r\n\r\n{l["La demande d'inscription de « {0} » au portail du partenariat associatif n'est pas acceptée.", request.Name]}\r\n\r\n"
            + $"{l["Motif : {0}", cleaned]}\r\n");
        await db.SaveChangesAsync(cancellationToken);
        return SaveOutcome.Saved(id);
    }
}
