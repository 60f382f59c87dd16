using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Files;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using static PartnershipPortal.Tests.Applications.ApplicationTestKit;

namespace PartnershipPortal.Tests.Applications;

/// <summary>The public registration request, then the administrator's approval or rejection, both mailed.</summary>
public sealed class RegistrationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_request_with_its_receipt_is_approved_into_an_association_and_an_account_whose_contact_gets_a_password_link()
    {
        var number = "MA-ASSO-T" + Guid.NewGuid().ToString("N")[..8];
        var email = $"contact.{Guid.NewGuid():N}@inscription.test";
        var response = await SubmitAsync(number, email, FileTestKit.Pdf("Recepisse"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var request = await factory.WithDbAsync(db => db.RegistrationRequests.SingleAsync(r => r.RegistrationNumber == number));
        Assert.Equal(RegistrationStatus.Pending, request.Status);
        Assert.NotNull(request.ReceiptFileId);

        var admin = await factory.SignedInClientAsync("admin@portail.test");
        Assert.Contains(number, await PageAsync(admin, "/Inscriptions"), StringComparison.Ordinal);
        var mailsBefore = (await MailsAsync(factory)).Count;
        var approved = await admin.PostFormAsync($"/Inscriptions/{request.Id}", $"/Inscriptions/{request.Id}/Approuver", []);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        var association = await factory.WithDbAsync(db => db.Associations.SingleAsync(a => a.RegistrationNumber == number));
        Assert.Equal("Association de test", association.Name);
        var user = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal(association.Id, user.AssociationId);
        Assert.Equal(RegistrationStatus.Approved, await factory.WithDbAsync(db => db.RegistrationRequests.Where(r => r.Id == request.Id).Select(r => r.Status).SingleAsync()));
        var mails = (await MailsAsync(factory)).Skip(mailsBefore).Where(m => m.IsTo(email)).ToList();
        Assert.Equal(2, mails.Count);
        Assert.Contains(mails, m => (m.TextBody ?? "").Contains("https://localhost/Account/ResetPassword?userId=", StringComparison.Ordinal));

        // A second approval of the same request changes nothing.
        var again = await admin.PostFormAsync($"/Inscriptions/{request.Id}", $"/Inscriptions/{request.Id}/Approuver", []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
    }

    [Fact]
    public async Task A_known_registration_number_links_the_account_to_the_existing_association_instead_of_a_duplicate()
    {
        var existing = await factory.WithDbAsync(db => db.Associations.OrderBy(a => a.Id).Skip(3).Select(a => new { a.Id, a.RegistrationNumber }).FirstAsync());
        var email = $"contact.{Guid.NewGuid():N}@inscription.test";
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(existing.RegistrationNumber, email, FileTestKit.Pdf())).StatusCode);
        var id = await factory.WithDbAsync(db => db.RegistrationRequests.Where(r => r.Email == email).Select(r => r.Id).SingleAsync());
        var associationsBefore = await factory.WithDbAsync(db => db.Associations.CountAsync());

        var admin = await factory.SignedInClientAsync("admin@portail.test");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Inscriptions/{id}", $"/Inscriptions/{id}/Approuver", [])).StatusCode);

        Assert.Equal(associationsBefore, await factory.WithDbAsync(db => db.Associations.CountAsync()));
        Assert.Equal(existing.Id, await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.AssociationId).SingleAsync()));
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_mails_it_and_a_bad_request_stores_nothing()
    {
        var email = $"contact.{Guid.NewGuid():N}@inscription.test";

        // Without the receipt, or with a file that is no document: refused, nothing stored.
        var requestsBefore = await factory.WithDbAsync(db => db.RegistrationRequests.CountAsync());
        var filesBefore = await factory.WithDbAsync(db => db.StoredFiles.CountAsync());
        var noFile = await SubmitAsync("MA-ASSO-X1", email, null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noFile.StatusCode);
        var badFile = await SubmitAsync("MA-ASSO-X1", email, FileTestKit.Executable());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badFile.StatusCode);
        var badEmail = await SubmitAsync("MA-ASSO-X1", "pas-une-adresse", FileTestKit.Pdf());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badEmail.StatusCode);
        Assert.Contains("L'adresse électronique n'est pas valide.", await TextAsync(badEmail), StringComparison.Ordinal);
        Assert.Equal(requestsBefore, await factory.WithDbAsync(db => db.RegistrationRequests.CountAsync()));
        Assert.Equal(filesBefore, await factory.WithDbAsync(db => db.StoredFiles.CountAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync("MA-ASSO-X1", email, FileTestKit.Pdf())).StatusCode);
        var id = await factory.WithDbAsync(db => db.RegistrationRequests.Where(r => r.Email == email).Select(r => r.Id).SingleAsync());
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var mailsBefore = (await MailsAsync(factory)).Count;
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.PostFormAsync($"/Inscriptions/{id}", $"/Inscriptions/{id}/Refuser", [new("reason", " ")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Inscriptions/{id}", $"/Inscriptions/{id}/Refuser", [new("reason", "Numéro inconnu du registre.")])).StatusCode);

        var mail = Assert.Single((await MailsAsync(factory)).Skip(mailsBefore));
        Assert.True(mail.IsTo(email));
        Assert.Contains("Numéro inconnu du registre.", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
        Assert.False(await factory.WithDbAsync(db => db.Associations.AnyAsync(a => a.RegistrationNumber == "MA-ASSO-X1")));
    }

    private async Task<HttpResponseMessage> SubmitAsync(string number, string email, byte[]? file)
    {
        var client = SecurityTestKit.AnonymousClient(factory);
        var page = await client.GetStringAsync("/Inscription");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(HtmlForms.AntiforgeryToken(page)), "__RequestVerificationToken");
        foreach (var (name, value) in new[]
        {
            ("Name", "Association de test"), ("NameAr", "جمعية الاختبار"), ("RegistrationNumber", number), ("Region", nameof(Region.Oriental)),
            ("City", "Oujda"), ("Address", "12, rue des Orangers"), ("ContactPerson", "Nadia Berrada"), ("Email", email), ("Phone", "05 36 00 00 00"),
        })
        {
            form.Add(new StringContent(value), name);
        }

        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"File\"", FileNameStar = "recepisse.pdf" };
            form.Add(content);
        }

        return await client.PostAsync("/Inscription", form);
    }
}
