using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Files;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using static PartnershipPortal.Tests.Applications.ApplicationTestKit;

namespace PartnershipPortal.Tests.Applications;

/// <summary>Files attached to an application: who sees and downloads them, when they may change, and refused files.</summary>
public sealed class ApplicationAttachmentTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Association = "association@portail.test";
    private const string Reviewer = "evaluateur@portail.test";

    [Fact]
    public async Task A_file_attached_to_a_draft_is_listed_and_downloaded_by_the_association_staff_and_the_assigned_reviewer()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, ("Pertinence", 1, 10));
        var association = await factory.SignedInClientAsync(Association);
        var id = await DraftAsync(association, call, "Projet avec pièces");
        var bytes = FileTestKit.Pdf("budget détaillé");

        var response = await AttachAsync(association, id, "budget détaillé.pdf", bytes);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var file = await factory.WithDbAsync(db => db.StoredFiles.SingleAsync(f => f.AttachedTo == "Application" && f.AttachedToId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("budget détaillé.pdf", file.FileName);
        Assert.Equal(await SecurityTestKit.DemoAssociationIdAsync(factory), file.OwnerAssociationId);
        var link = $"/Fichiers/{file.Id}";
        var draftPage = await PageAsync(association, $"/MonEspace/Candidatures/{id}");
        Assert.Contains("budget détaillé.pdf", draftPage, StringComparison.Ordinal);
        Assert.Contains(link, draftPage, StringComparison.Ordinal);
        Assert.Equal(bytes, await association.GetByteArrayAsync(link));

        await SubmitAsync(association, call, id, "Projet avec pièces");
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var staffPage = await PageAsync(agent, $"/Candidatures/{id}");
        Assert.Contains("budget détaillé.pdf", staffPage, StringComparison.Ordinal);
        Assert.Contains(link, staffPage, StringComparison.Ordinal);
        Assert.Equal(bytes, await agent.GetByteArrayAsync(link));

        // A reviewer sees it once assigned to the call and the application is admissible.
        var reviewer = await factory.SignedInClientAsync(Reviewer);
        await AssignReviewersAsync(factory, call.Id, Reviewer);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync(link)).StatusCode);
        await AdmissibleAsync(agent, id);
        var reviewerPage = await PageAsync(reviewer, $"/Evaluation/Candidatures/{id}");
        Assert.Contains("budget détaillé.pdf", reviewerPage, StringComparison.Ordinal);
        Assert.Equal(bytes, await reviewer.GetByteArrayAsync(link));
    }

    [Fact]
    public async Task Another_association_and_an_unassigned_reviewer_get_nothing_and_cannot_attach()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, ("Pertinence", 1, 10));
        var association = await factory.SignedInClientAsync(Association);
        var id = await DraftAsync(association, call, "Projet confidentiel");
        Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync(association, id, "secret.pdf", FileTestKit.Pdf("secret"))).StatusCode);
        await SubmitAsync(association, call, id, "Projet confidentiel");
        await AdmissibleAsync(await factory.SignedInClientAsync("agent@portail.test"), id);
        var link = $"/Fichiers/{await FileIdAsync(id, "secret.pdf")}";

        await SecurityTestKit.EnsureOtherAssociationAccountAsync(factory);
        var other = await factory.SignedInClientAsync(SecurityTestKit.OtherAssociationEmail);
        var stranger = await factory.SignedInClientAsync(await NewReviewerAsync(factory));
        var otherDownload = await other.GetAsync(link);
        var strangerDownload = await stranger.GetAsync(link);

        Assert.Equal(HttpStatusCode.NotFound, otherDownload.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, strangerDownload.StatusCode);
        Assert.DoesNotContain("secret", await otherDownload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", await strangerDownload.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The other association cannot attach to it either (its own page gives the token); nothing is stored.
        var files = await CountAsync(id);
        var ownCall = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31));
        var ownDraft = await DraftAsync(other, ownCall, "Projet de l'autre");
        var intrusion = await AttachAsync(other, id, "intrus.pdf", FileTestKit.Pdf("intrus"), pageUrl: $"/MonEspace/Candidatures/{ownDraft}");
        Assert.Equal(HttpStatusCode.NotFound, intrusion.StatusCode);
        Assert.Equal(files, await CountAsync(id));
        Assert.Equal(0, await factory.WithDbAsync(db => db.StoredFiles.CountAsync(f => f.FileName == "intrus.pdf")));
    }

    [Fact]
    public async Task A_reviewer_gets_the_files_of_their_calls_applications_only()
    {
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var association = await factory.SignedInClientAsync(Association);
        var reviewerEmail = await NewReviewerAsync(factory);
        var reviewer = await factory.SignedInClientAsync(reviewerEmail);
        var links = new List<string>();
        var ownFile = FileTestKit.Pdf("Projet de son appel");
        foreach (var title in new[] { "Projet de son appel", "Projet d'un autre appel" })
        {
            var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, ("Pertinence", 1, 10));
            var id = await DraftAsync(association, call, title);
            Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync(association, id, "annexe.pdf", links.Count == 0 ? ownFile : FileTestKit.Pdf(title))).StatusCode);
            await SubmitAsync(association, call, id, title);
            await AdmissibleAsync(agent, id);
            links.Add($"/Fichiers/{await FileIdAsync(id, "annexe.pdf")}");
            if (links.Count == 1)
            {
                await AssignReviewersAsync(factory, call.Id, reviewerEmail);
            }
        }

        Assert.Equal(ownFile, await reviewer.GetByteArrayAsync(links[0]));
        var other = await reviewer.GetAsync(links[1]);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain("autre appel", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attachments_are_read_only_once_submitted_and_open_again_while_incomplete()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31), null, null, ("Pertinence", 1, 10));
        var association = await factory.SignedInClientAsync(Association);
        var id = await DraftAsync(association, call, "Projet à compléter");
        await SubmitAsync(association, call, id, "Projet à compléter");
        var url = $"/MonEspace/Candidatures/{id}";

        var submittedPage = await PageAsync(association, url);
        Assert.DoesNotContain("PiecesJointes", submittedPage, StringComparison.Ordinal);
        var refused = await AttachAsync(association, id, "tardif.pdf", FileTestKit.Pdf("tardif"), pageUrl: "/MonEspace/Appels");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("Cette candidature a été déposée : ses pièces jointes ne peuvent plus changer.", FileTestKit.ErrorOf(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(0, await CountAsync(id));

        // Incomplete: the association may add the missing document, then submit again; after that, read-only again.
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var incomplete = await agent.PostFormAsync($"/Candidatures/{id}", $"/Candidatures/{id}/Completude",
            [new("Completeness.Version", (await VersionAsync(id)).ToString()), new("Completeness.Verdict", "Incomplete"), new("Completeness.Message", "Joignez les statuts.")]);
        Assert.Equal(HttpStatusCode.Redirect, incomplete.StatusCode);
        Assert.Contains("PiecesJointes", await PageAsync(association, url), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync(association, id, "statuts.pdf", FileTestKit.Pdf("statuts"))).StatusCode);
        Assert.Equal(1, await CountAsync(id));
        await SubmitAsync(association, call, id, "Projet à compléter");
        Assert.Equal(ApplicationStatus.Submitted, await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
        Assert.Contains("statuts.pdf", await PageAsync(agent, $"/Candidatures/{id}"), StringComparison.Ordinal);
        var after = await AttachAsync(association, id, "encore.pdf", FileTestKit.Pdf("encore"), pageUrl: "/MonEspace/Appels");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, after.StatusCode);
        Assert.Equal(1, await CountAsync(id));
    }

    [Fact]
    public async Task A_file_is_removed_from_a_draft_but_never_once_submitted_nor_by_another_association()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31));
        var association = await factory.SignedInClientAsync(Association);
        var id = await DraftAsync(association, call, "Projet aux pièces changeantes");
        var url = $"/MonEspace/Candidatures/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync(association, id, "erreur.pdf", FileTestKit.Pdf("erreur"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync(association, id, "budget.pdf", FileTestKit.Pdf("budget"))).StatusCode);
        var wrong = await FileIdAsync(id, "erreur.pdf");
        var kept = await FileIdAsync(id, "budget.pdf");

        // Another association, with its own token: the 404 of a missing application, and the file stays.
        await SecurityTestKit.EnsureOtherAssociationAccountAsync(factory);
        var other = await factory.SignedInClientAsync(SecurityTestKit.OtherAssociationEmail);
        var stolen = await other.PostFormAsync("/MonEspace/Appels", $"{url}/PiecesJointes/Retirer", [new("file", wrong.ToString())]);
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.Equal(2, await CountAsync(id));

        var removed = await association.PostFormAsync(url, $"{url}/PiecesJointes/Retirer", [new("file", wrong.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var page = await PageAsync(association, url);
        Assert.DoesNotContain("erreur.pdf", page, StringComparison.Ordinal);
        Assert.Contains("budget.pdf", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await association.GetAsync($"/Fichiers/{wrong}")).StatusCode);
        Assert.NotNull(await factory.WithDbAsync(db => db.StoredFiles.Where(f => f.Id == wrong).Select(f => f.DeletedAtUtc).SingleAsync()));

        // Submitted: the remaining file stays, even while the application is incomplete.
        await SubmitAsync(association, call, id, "Projet aux pièces changeantes");
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        Assert.Equal(HttpStatusCode.Redirect, (await agent.PostFormAsync($"/Candidatures/{id}", $"/Candidatures/{id}/Completude",
            [new("Completeness.Version", (await VersionAsync(id)).ToString()), new("Completeness.Verdict", "Incomplete"), new("Completeness.Message", "Précisez le budget.")])).StatusCode);
        Assert.DoesNotContain("PiecesJointes/Retirer", await PageAsync(association, url), StringComparison.Ordinal);
        var refused = await association.PostFormAsync(url, $"{url}/PiecesJointes/Retirer", [new("file", kept.ToString())]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("Une pièce jointe ne se retire que d'un brouillon : la candidature a été déposée.", FileTestKit.ErrorOf(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(1, await CountAsync(id));
        Assert.Equal(FileTestKit.Pdf("budget").Length, (await association.GetByteArrayAsync($"/Fichiers/{kept}")).Length);
    }

    [Fact]
    public async Task A_file_of_the_wrong_type_or_too_big_is_refused_in_French_and_nothing_is_kept()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31));
        var association = await factory.SignedInClientAsync(Association);
        var id = await DraftAsync(association, call, "Projet aux fichiers refusés");
        var allFiles = await factory.WithDbAsync(db => db.StoredFiles.CountAsync());

        var program = await AttachAsync(association, id, "budget.pdf", FileTestKit.Executable());
        var text = await AttachAsync(association, id, "budget.txt", "Budget du projet"u8.ToArray());
        var big = await AttachAsync(association, id, "gros.pdf", new GeneratedContent(10L * 1024 * 1024 + 1, "%PDF-1.4\n"u8.ToArray()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, program.StatusCode);
        Assert.Equal("Un programme ne peut pas être déposé, quel que soit son nom.", FileTestKit.ErrorOf(await program.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, text.StatusCode);
        Assert.Equal("Ce type de fichier n'est pas accepté : PDF, PNG, JPEG, XLSX, DOCX ou ODT seulement.", FileTestKit.ErrorOf(await text.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, big.StatusCode);
        Assert.Equal("Le fichier dépasse la taille maximale de 10 Mo.", FileTestKit.ErrorOf(await big.Content.ReadAsStringAsync()));
        Assert.Equal(allFiles, await factory.WithDbAsync(db => db.StoredFiles.CountAsync()));
        Assert.Equal(0, await CountAsync(id));
        var incoming = factory.Service<PartnershipPortal.Web.Features.Files.FileStoreLocation>().Incoming;
        Assert.Empty(Directory.Exists(incoming) ? Directory.GetFiles(incoming) : []);
        Assert.Contains("Aucune pièce jointe.", await PageAsync(association, $"/MonEspace/Candidatures/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_call_is_closed_a_draft_s_files_no_longer_change_but_an_incomplete_application_still_takes_some()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31));
        var association = await factory.SignedInClientAsync(Association);
        var draft = await DraftAsync(association, call, "Brouillon surpris par la clôture");
        var incomplete = await DraftAsync(association, call, "Candidature à compléter");
        Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync(association, draft, "statuts.pdf", FileTestKit.Pdf("statuts"))).StatusCode);
        await SubmitAsync(association, call, incomplete, "Candidature à compléter");
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CompletenessAsync(agent, incomplete, "Incomplete", "Joignez le budget.")).StatusCode);
        var statuts = await FileIdAsync(draft, "statuts.pdf");
        await factory.WithDbAsync(db => db.Calls.Where(c => c.Id == call.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CallForProjectsStatus.Closed)));

        var added = await AttachAsync(association, draft, "budget.pdf", FileTestKit.Pdf("budget"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, added.StatusCode);
        Assert.Equal("Cet appel à projets n'est plus ouvert : le fichier n'a pas été joint.", FileTestKit.ErrorOf(await added.Content.ReadAsStringAsync()));
        var url = $"/MonEspace/Candidatures/{draft}";
        var removed = await association.PostFormAsync(url, $"{url}/PiecesJointes/Retirer", [new("file", statuts.ToString())]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, removed.StatusCode);
        Assert.Equal("Cet appel à projets n'est plus ouvert : le brouillon ne change plus.", FileTestKit.ErrorOf(await removed.Content.ReadAsStringAsync()));
        Assert.Equal(1, await CountAsync(draft));

        Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync(association, incomplete, "budget.pdf", FileTestKit.Pdf("budget"))).StatusCode);
        Assert.Equal(1, await CountAsync(incomplete));
    }

    [Fact]
    public async Task Files_are_listed_in_the_order_given_with_the_size_limit_and_only_the_draft_s_own_file_is_removed_once()
    {
        var call = await CreateOpenCallAsync(factory, new DateOnly(2099, 12, 31));
        var association = await factory.SignedInClientAsync(Association);
        var first = await DraftAsync(association, call, "Premier brouillon aux pièces ordonnées");
        var second = await DraftAsync(association, call, "Second brouillon aux pièces ordonnées");
        Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync(association, first, "b-donne-avant.pdf", FileTestKit.Pdf("b"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync(association, first, "a-donne-apres.pdf", FileTestKit.Pdf("a"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync(association, second, "d-meme-instant.pdf", FileTestKit.Pdf("d"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AttachAsync(association, second, "c-meme-instant.pdf", FileTestKit.Pdf("c"))).StatusCode);
        // Two files given at the same instant come by name.
        var key = second.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await factory.WithDbAsync(db => db.StoredFiles.Where(f => f.AttachedTo == "Application" && f.AttachedToId == key)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.UploadedAtUtc, new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc))));

        var firstPage = await PageAsync(association, $"/MonEspace/Candidatures/{first}");
        Assert.Matches("(?s)b-donne-avant.pdf.*a-donne-apres.pdf", firstPage);
        Assert.Contains("Formats acceptés : PDF, PNG, JPEG, XLSX, DOCX ou ODT, 10 Mo au plus.", Spaced(firstPage), StringComparison.Ordinal);
        Assert.Matches("(?s)c-meme-instant.pdf.*d-meme-instant.pdf", await PageAsync(association, $"/MonEspace/Candidatures/{second}"));

        // A file of the second draft, named through the first: not found, and kept.
        var url = $"/MonEspace/Candidatures/{first}";
        var ofTheOther = await FileIdAsync(second, "c-meme-instant.pdf");
        Assert.Equal(HttpStatusCode.NotFound, (await association.PostFormAsync(url, $"{url}/PiecesJointes/Retirer", [new("file", ofTheOther.ToString())])).StatusCode);
        Assert.Equal(2, await CountAsync(second));

        var own = await FileIdAsync(first, "a-donne-apres.pdf");
        Assert.Equal(HttpStatusCode.Redirect, (await association.PostFormAsync(url, $"{url}/PiecesJointes/Retirer", [new("file", own.ToString())])).StatusCode);
        var removedAt = await factory.WithDbAsync(db => db.StoredFiles.Where(f => f.Id == own).Select(f => f.DeletedAtUtc).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await association.PostFormAsync(url, $"{url}/PiecesJointes/Retirer", [new("file", own.ToString())])).StatusCode);
        Assert.Equal(removedAt, await factory.WithDbAsync(db => db.StoredFiles.Where(f => f.Id == own).Select(f => f.DeletedAtUtc).SingleAsync()));
        Assert.Equal(1, await CountAsync(first));
    }

    private static async Task<int> DraftAsync(HttpClient client, TestCall call, string title)
    {
        var url = $"/MonEspace/Appels/Candidater?appel={call.Id}";
        return RedirectedId(await client.PostFormAsync(url, url, [new("Form.ProjectTitle", title), new("intent", "draft")]));
    }

    private async Task SubmitAsync(HttpClient client, TestCall call, int id, string title)
    {
        var url = $"/MonEspace/Candidatures/{id}";
        var response = await client.PostFormAsync(url, url,
            [.. CompleteForm(call.DomainId, title, "60 000"), new("Form.Version", (await VersionAsync(id)).ToString()), new("intent", "submit")]);
        Assert.Equal(id, RedirectedId(response));
    }

    private async Task AdmissibleAsync(HttpClient agent, int id)
    {
        var response = await agent.PostFormAsync($"/Candidatures/{id}", $"/Candidatures/{id}/Completude",
            [new("Completeness.Version", (await VersionAsync(id)).ToString()), new("Completeness.Verdict", "Admissible"), new("Completeness.Message", "")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Posts a file the way the application page's form does: the token first, then the file.</summary>
    private static async Task<HttpResponseMessage> AttachAsync(HttpClient client, int id, string fileName, HttpContent content, string? pageUrl = null)
    {
        var page = await client.GetStringAsync(pageUrl ?? $"/MonEspace/Candidatures/{id}");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(HtmlForms.AntiforgeryToken(page)), "__RequestVerificationToken");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"File\"", FileNameStar = fileName };
        form.Add(content);
        return await client.PostAsync($"/MonEspace/Candidatures/{id}/PiecesJointes", form);
    }

    private static Task<HttpResponseMessage> AttachAsync(HttpClient client, int id, string fileName, byte[] bytes, string? pageUrl = null) =>
        AttachAsync(client, id, fileName, new ByteArrayContent(bytes), pageUrl);

    private Task<int> CountAsync(int id) => factory.WithDbAsync(db => db.StoredFiles.CountAsync(
        f => f.AttachedTo == "Application" && f.AttachedToId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && f.DeletedAtUtc == null));

    private Task<Guid> FileIdAsync(int id, string name) => factory.WithDbAsync(db => db.StoredFiles
        .Where(f => f.AttachedTo == "Application" && f.AttachedToId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && f.FileName == name).Select(f => f.Id).SingleAsync());

    private Task<Guid> VersionAsync(int id) => factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
}
