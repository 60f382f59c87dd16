using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
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

        var accepted = Assert.Single(mails, m => m.Subject == "Votre demande d'inscription est acceptée");
        Assert.Contains("La demande d'inscription de « Association de test » au portail du partenariat associatif est acceptée.", accepted.TextBody, StringComparison.Ordinal);
        Assert.Contains("Un second message vous donne le lien pour choisir votre mot de passe.", accepted.TextBody, StringComparison.Ordinal);
        Assert.Equal(("جمعية الاختبار", Region.Oriental, "Oujda", "12, rue des Orangers", "Nadia Berrada", email, "05 36 00 00 00"),
            (association.NameAr, association.Region, association.City, association.Address, association.ContactPerson, association.Email, association.Phone));
        Assert.Equal("Nadia Berrada", user.FullName);
        Assert.Equal([Roles.Association], await SecurityTestKit.RolesOfAsync(factory, user.Id));
        Assert.Matches(@"^Bonjour,\s+La demande d'inscription", accepted.TextBody);

        // A second approval, or a rejection, of the same request changes nothing.
        foreach (var action in new[] { "Approuver", "Refuser" })
        {
            var again = await admin.PostFormAsync($"/Inscriptions/{request.Id}", $"/Inscriptions/{request.Id}/{action}", [new("reason", "Trop tard")]);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
            Assert.Contains("Cette demande a déjà été traitée.", await TextAsync(again), StringComparison.Ordinal);
        }

        Assert.Equal(RegistrationStatus.Approved, await factory.WithDbAsync(db => db.RegistrationRequests.Where(r => r.Id == request.Id).Select(r => r.Status).SingleAsync()));
    }

    public static TheoryData<string, string, string?, string> Faults => new()
    {
        { "sans nom", "Name", null, Required },
        { "numéro blanc", "RegistrationNumber", "  ", Required },
        { "sans ville", "City", "", Required },
        { "sans contact", "ContactPerson", null, Required },
        { "sans adresse électronique", "Email", null, Required },
        { "région inconnue", "Region", "Atlantide", "Choisissez la région de l'association." },
        { "région par son numéro hors liste", "Region", "99", "Choisissez la région de l'association." },
        { "nom trop long", "Name", new string('N', 251), TooLong },
        { "nom arabe trop long", "NameAr", new string('ج', 251), TooLong },
        { "numéro trop long", "RegistrationNumber", new string('9', 51), TooLong },
        { "ville trop longue", "City", new string('V', 101), TooLong },
        { "adresse trop longue", "Address", new string('A', 301), TooLong },
        { "contact trop long", "ContactPerson", new string('C', 151), TooLong },
        { "téléphone trop long", "Phone", new string('0', 31), TooLong },
    };

    private const string Required = "Le nom, le numéro d'enregistrement, la ville, la personne de contact et l'adresse électronique sont obligatoires.";

    private const string TooLong = "Un des champs est trop long.";

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_request_with_a_missing_or_faulty_field_says_so_and_stores_nothing(string fault, string field, string? value, string message)
    {
        var email = $"contact.{Guid.NewGuid():N}@inscription.test";

        var response = await SubmitAsync("MA-ASSO-F" + fault.Length, email, FileTestKit.Pdf(), (field, value));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, await TextAsync(response), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.RegistrationRequests.AnyAsync(r => r.Email == email)));
    }

    [Fact]
    public async Task Every_field_at_its_longest_is_taken()
    {
        var email = $"contact.{Guid.NewGuid():N}@inscription.test";
        var number = "MA-LONG-" + new string('9', 42);

        var response = await SubmitAsync(number, email, FileTestKit.Pdf(),
            ("Name", new string('N', 250)), ("NameAr", new string('ج', 250)), ("City", new string('V', 100)), ("Address", new string('A', 300)),
            ("ContactPerson", new string('C', 150)), ("Phone", new string('0', 30)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.RegistrationRequests.SingleAsync(r => r.Email == email));
        Assert.Equal((250, 250, 50, 100, 300, 150, 30),
            (stored.Name.Length, stored.NameAr!.Length, stored.RegistrationNumber.Length, stored.City.Length, stored.Address!.Length, stored.ContactPerson.Length, stored.Phone!.Length));
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
        foreach (var reason in new[] { " ", new string('m', 2001) })
        {
            var refused = await admin.PostFormAsync($"/Inscriptions/{id}", $"/Inscriptions/{id}/Refuser", [new("reason", reason)]);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("Donnez le motif du refus (2 000 caractères au plus) : il est envoyé au demandeur.", await TextAsync(refused), StringComparison.Ordinal);
        }

        Assert.Equal(RegistrationStatus.Pending, await factory.WithDbAsync(db => db.RegistrationRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Inscriptions/{id}", $"/Inscriptions/{id}/Refuser", [new("reason", "Numéro inconnu du registre.")])).StatusCode);

        var mail = Assert.Single((await MailsAsync(factory)).Skip(mailsBefore));
        Assert.True(mail.IsTo(email));
        Assert.Contains("Numéro inconnu du registre.", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("Votre demande d'inscription n'est pas acceptée", mail.Subject);
        Assert.Contains("La demande d'inscription de « Association de test » au portail du partenariat associatif n'est pas acceptée.", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal((RegistrationStatus.Rejected, "Numéro inconnu du registre."), await factory.WithDbAsync(async db =>
        {
            var r = await db.RegistrationRequests.AsNoTracking().SingleAsync(r => r.Id == id);
            return (r.Status, r.RejectionReason);
        }));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
        Assert.False(await factory.WithDbAsync(db => db.Associations.AnyAsync(a => a.RegistrationNumber == "MA-ASSO-X1")));
    }

    [Fact]
    public async Task An_address_of_256_characters_is_taken_one_of_257_or_one_only_a_mail_client_reads_is_refused()
    {
        var domain = $"@{Guid.NewGuid():N}.test";
        var longest = new string('a', 256 - domain.Length) + domain;

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync("MA-ASSO-L256", longest, FileTestKit.Pdf())).StatusCode);
        foreach (var refused in new[] { "b" + longest, $"\"a@b\"{domain}" })
        {
            var response = await SubmitAsync("MA-ASSO-L257", refused, FileTestKit.Pdf());
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("L'adresse électronique n'est pas valide.", await TextAsync(response), StringComparison.Ordinal);
        }

        Assert.Equal([longest], await factory.WithDbAsync(db => db.RegistrationRequests.Where(r => r.Email.EndsWith(domain)).Select(r => r.Email).ToListAsync()));
    }

    [Fact]
    public async Task An_address_with_an_accent_which_could_not_become_an_account_is_refused_with_its_reason()
    {
        var domain = $"@{Guid.NewGuid():N}.test";

        var response = await SubmitAsync("MA-ASSO-ACC", "josé" + domain, FileTestKit.Pdf());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("L'adresse électronique ne peut contenir que des lettres sans accent, des chiffres et les signes - . _ @ +.",
            await TextAsync(response), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.RegistrationRequests.AnyAsync(r => r.Email.EndsWith(domain))));
    }

    [Fact]
    public async Task The_list_shows_pending_requests_newest_first_then_the_decided_ones_and_marks_a_number_already_known()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var known = await factory.WithDbAsync(db => db.Associations.OrderBy(a => a.Id).Select(a => a.RegistrationNumber).FirstAsync());
        var written = new (string Name, string Number, RegistrationStatus Status, int Day)[]
        {
            ($"Attente ancienne {tag}", known, RegistrationStatus.Pending, 1), ($"Refusée {tag}", $"MA-R-{tag}", RegistrationStatus.Rejected, 2),
            ($"Attente récente {tag}", $"MA-P-{tag}", RegistrationStatus.Pending, 3), ($"Acceptée {tag}", $"MA-A-{tag}", RegistrationStatus.Approved, 5),
        };
        await factory.WithDbAsync(async db =>
        {
            foreach (var (name, number, status, _) in written)
            {
                db.RegistrationRequests.Add(new RegistrationRequest
                {
                    Name = name, RegistrationNumber = number, Region = Region.Oriental, City = "Oujda", ContactPerson = "Contact", Email = $"{tag}@inscription.test", Status = status,
                });
            }

            await db.SaveChangesAsync();
            foreach (var (name, _, _, day) in written)
            {
                await db.RegistrationRequests.Where(r => r.Name == name).ExecuteUpdateAsync(u => u.SetProperty(r => r.CreatedAtUtc, new DateTime(2030, 1, day, 9, 0, 0, DateTimeKind.Utc)));
            }
        });
        var admin = await factory.SignedInClientAsync("admin@portail.test");

        var html = await PageAsync(admin, "/Inscriptions");

        var rows = Regex.Matches(html, "<tr>(.*?)</tr>", RegexOptions.Singleline).Select(m => Regex.Replace(Records.RecordPages.Text(m.Groups[1].Value), @"\s+", " ").Trim())
            .Where(r => r.Contains(tag, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"Attente récente {tag}", $"Attente ancienne {tag}", $"Acceptée {tag}", $"Refusée {tag}"], rows.Select(r => r[..r.IndexOf(tag, StringComparison.Ordinal)] + tag));
        Assert.Equal([false, true, false, false], rows.Select(r => r.Contains("déjà connue", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_request_that_does_not_exist_is_not_found_to_read_approve_or_reject()
    {
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var missing = await factory.WithDbAsync(db => db.RegistrationRequests.Select(r => (int?)r.Id).MaxAsync()) ?? 0;
        missing += 1_000;

        var read = await admin.GetAsync($"/Inscriptions/{missing}");
        var approve = await admin.PostFormAsync("/Inscriptions", $"/Inscriptions/{missing}/Approuver", []);
        var reject = await admin.PostFormAsync("/Inscriptions", $"/Inscriptions/{missing}/Refuser", [new("reason", "Inconnue")]);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { read.StatusCode, approve.StatusCode, reject.StatusCode });
    }

    [Fact]
    public async Task A_request_from_an_address_that_already_has_an_account_is_not_approved_and_creates_nothing()
    {
        var number = "MA-ASSO-D" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(number, "agent@portail.test", FileTestKit.Pdf())).StatusCode);
        var id = await factory.WithDbAsync(db => db.RegistrationRequests.Where(r => r.RegistrationNumber == number).Select(r => r.Id).SingleAsync());
        var admin = await factory.SignedInClientAsync("admin@portail.test");

        var response = await admin.PostFormAsync($"/Inscriptions/{id}", $"/Inscriptions/{id}/Approuver", []);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Un compte existe déjà avec cette adresse électronique.", await TextAsync(response), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Associations.AnyAsync(a => a.RegistrationNumber == number)));
        Assert.Equal(RegistrationStatus.Pending, await factory.WithDbAsync(db => db.RegistrationRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_rejection_reason_of_2000_characters_is_kept_whole()
    {
        var email = $"contact.{Guid.NewGuid():N}@inscription.test";
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync("MA-ASSO-M2000", email, FileTestKit.Pdf())).StatusCode);
        var id = await factory.WithDbAsync(db => db.RegistrationRequests.Where(r => r.Email == email).Select(r => r.Id).SingleAsync());
        var admin = await factory.SignedInClientAsync("admin@portail.test");
        var reason = "Motif " + new string('m', 1994);

        var response = await admin.PostFormAsync($"/Inscriptions/{id}", $"/Inscriptions/{id}/Refuser", [new("reason", reason)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(reason, await factory.WithDbAsync(db => db.RegistrationRequests.Where(r => r.Id == id).Select(r => r.RejectionReason).SingleAsync()));
    }

    private async Task<HttpResponseMessage> SubmitAsync(string number, string email, byte[]? file, params (string Name, string? Value)[] changes)
    {
        var client = SecurityTestKit.AnonymousClient(factory);
        var page = await client.GetStringAsync("/Inscription");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(HtmlForms.AntiforgeryToken(page)), "__RequestVerificationToken");
        (string Name, string? Value)[] fields =
        [
            ("Name", "Association de test"), ("NameAr", "جمعية الاختبار"), ("RegistrationNumber", number), ("Region", nameof(Region.Oriental)),
            ("City", "Oujda"), ("Address", "12, rue des Orangers"), ("ContactPerson", "Nadia Berrada"), ("Email", email), ("Phone", "05 36 00 00 00"),
        ];
        foreach (var (name, value) in fields.Where(f => changes.All(c => c.Name != f.Name)).Concat(changes))
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), name);
            }
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
