using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using PartnershipPortal.Web.Features.Files;
using static PartnershipPortal.Tests.Files.FileTestKit;

namespace PartnershipPortal.Tests.Files;

/// <summary>Who may download a file, what the response says to the browser, and what the audit log keeps.</summary>
public sealed class FileDownloadTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ArabicName = "النظام الأساسي 2026.pdf";

    [Fact]
    public async Task The_owner_and_every_staff_role_download_the_bytes_that_were_uploaded()
    {
        var (fileId, bytes) = await UploadedAsync("bureau.pdf", "BUREAU");
        foreach (var email in new[] { "association@portail.test", "admin@portail.test", "agent@portail.test", "manager@portail.test" })
        {
            var client = await factory.SignedInClientAsync(email);
            var response = await client.GetAsync($"/Fichiers/{fileId}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{email}: {(int)response.StatusCode}");
            Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e =>
                e.Action == AuditActions.FileDownloaded && e.EntityId == fileId.ToString() && e.UserName == email)), email);
        }
    }

    [Fact]
    public async Task A_download_is_an_attachment_with_its_arabic_name_never_sniffed_and_sandboxed()
    {
        var (fileId, _) = await UploadedAsync(ArabicName, "STATUTS");
        var client = await factory.SignedInClientAsync("agent@portail.test");

        var response = await client.GetAsync($"/Fichiers/{fileId}");

        var disposition = string.Join(",", response.Content.Headers.GetValues("Content-Disposition"));
        Assert.StartsWith("attachment;", disposition, StringComparison.Ordinal);
        // RFC 5987: UTF-8 bytes percent-encoded; Uri.EscapeDataString encodes them the same way.
        Assert.Contains("filename*=UTF-8''" + Uri.EscapeDataString(ArabicName), disposition, StringComparison.Ordinal);
        Assert.Equal(ArabicName, response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.True(disposition.All(c => c < 128), "The header must stay ASCII for every browser.");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("sandbox", csp.Split(';').Select(p => p.Trim()));
    }

    [Fact]
    public async Task Another_associations_file_answers_like_a_missing_one_and_is_audited()
    {
        var (fileId, _) = await UploadedAsync("pv.pdf", "PV-AG");
        await SecurityTestKit.EnsureOtherAssociationAccountAsync(factory);
        var other = await factory.SignedInClientAsync(SecurityTestKit.OtherAssociationEmail);

        var stranger = await other.GetAsync($"/Fichiers/{fileId}");
        var missing = await other.GetAsync($"/Fichiers/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(missing.StatusCode, stranger.StatusCode);
        Assert.Equal(Tokenless(await missing.Content.ReadAsStringAsync()), Tokenless(await stranger.Content.ReadAsStringAsync()));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AccessDenied
            && e.EntityId == fileId.ToString() && e.UserName == SecurityTestKit.OtherAssociationEmail)));
        Assert.False(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.FileDownloaded
            && e.EntityId == fileId.ToString() && e.UserName == SecurityTestKit.OtherAssociationEmail)));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page()
    {
        var (fileId, _) = await UploadedAsync("rib.pdf", "RIB");
        var response = await SecurityTestKit.AnonymousClient(factory).GetAsync($"/Fichiers/{fileId}");
        Assert.True(SecurityTestKit.IsLoginRedirect(response));
    }

    [Fact]
    public async Task Deleting_a_document_hides_it_audits_it_restores_the_previous_version_and_purges_it_after_the_retention_period()
    {
        var (firstId, _) = await UploadedAsync("recepisse-v1.pdf", "RECEPISSE");
        var (secondId, _) = await UploadedAsync("recepisse-v2.pdf", "RECEPISSE");
        var client = await factory.SignedInClientAsync("association@portail.test");
        var documentId = await factory.WithDbAsync(db => db.DossierDocuments.Where(d => d.StoredFileId == secondId).Select(d => d.Id).SingleAsync());

        var confirm = await client.GetAsync($"/MonEspace/Dossier/Supprimer/{documentId}");
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var response = await client.PostFormAsync($"/MonEspace/Dossier/Supprimer/{documentId}", $"/MonEspace/Dossier/Supprimer/{documentId}", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Fichiers/{secondId}")).StatusCode);
        var staff = await factory.SignedInClientAsync("admin@portail.test");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/Fichiers/{secondId}")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.FileDeleted && e.EntityId == secondId.ToString())));
        Assert.True(await factory.WithDbAsync(db => db.DossierDocuments.Where(d => d.StoredFileId == firstId).Select(d => d.IsCurrent).SingleAsync()));

        // The content stays for the retention period (30 days by default), then goes; the metadata stays for the audit.
        var location = factory.Service<FileStoreLocation>();
        Assert.True(File.Exists(location.PathOf(secondId)));
        Assert.Equal(0, await PurgeAtAsync(DateTimeOffset.UtcNow.AddDays(29)));
        Assert.True(File.Exists(location.PathOf(secondId)));
        Assert.Equal(1, await PurgeAtAsync(DateTimeOffset.UtcNow.AddDays(31)));
        Assert.False(File.Exists(location.PathOf(secondId)));
        Assert.True(File.Exists(location.PathOf(firstId)));
        Assert.NotNull(await factory.WithDbAsync(db => db.StoredFiles.Where(f => f.Id == secondId).Select(f => f.PurgedAtUtc).SingleAsync()));
    }

    [Fact]
    public async Task Another_association_cannot_delete_a_document_and_the_attempt_is_audited()
    {
        var (fileId, _) = await UploadedAsync("rapport.pdf", "RAPPORT");
        var documentId = await factory.WithDbAsync(db => db.DossierDocuments.Where(d => d.StoredFileId == fileId).Select(d => d.Id).SingleAsync());
        await SecurityTestKit.EnsureOtherAssociationAccountAsync(factory);
        var other = await factory.SignedInClientAsync(SecurityTestKit.OtherAssociationEmail);

        var response = await other.PostFormAsync("/MonEspace/Dossier", $"/MonEspace/Dossier/Supprimer/{documentId}", []);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.StoredFiles.Where(f => f.Id == fileId).Select(f => f.DeletedAtUtc).SingleAsync()));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AccessDenied
            && e.EntityType == nameof(DossierDocument) && e.EntityId == documentId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    public static TheoryData<string, string> UnsafeNames() => new()
    {
        { "..\\..\\App_Data\\statuts.pdf", "statuts.pdf" },
        { "/var/www/../../etc/rib.pdf", "rib.pdf" },
        { "C:\\Users\\amina\\AUX.pdf", "_AUX.pdf" },
        { "pv\u0001\t\u001B-ag.pdf", "pv-ag.pdf" },
        // The right-to-left override would show "facture\u202Efdp.exe.pdf" as "facturefdp.exe" read backwards: "exe.pdf".
        { "facture\u202Efdp.exe.pdf", "facturefdp.exe.pdf" },
        { "\u202Dstatuts\u2066.pdf", "statuts.pdf" },
        { "\u202E.pdf", "fichier.pdf" },
        { "CON.pdf", "_CON.pdf" },
        { "nul.pdf", "_nul.pdf" },
        { "COM1.pdf", "_COM1.pdf" },
        { "lpt9.rapport.pdf", "_lpt9.rapport.pdf" },
        { "bureau.pdf. . ", "bureau.pdf" },
        { "محضر\u202Bالجمع.pdf", "محضرالجمع.pdf" },
    };

    [Theory]
    [MemberData(nameof(UnsafeNames))]
    public async Task A_download_hands_back_the_sanitized_name_never_the_one_sent(string sent, string expected)
    {
        var (fileId, bytes) = await UploadedAsync(sent, "BUREAU");
        var agent = await factory.SignedInClientAsync("agent@portail.test");

        var response = await agent.GetAsync($"/Fichiers/{fileId}");

        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        var header = string.Join(",", response.Content.Headers.GetValues("Content-Disposition"));
        Assert.Equal(expected, response.Content.Headers.ContentDisposition?.FileNameStar);
        // The plain filename is for browsers that ignore filename*: the same name, any non-ASCII letter as "_".
        var fallback = new string(expected.Select(c => c < 128 ? c : '_').ToArray());
        Assert.Equal(fallback, response.Content.Headers.ContentDisposition?.FileName);
        Assert.True(header.All(c => c is >= ' ' and < (char)127), header);
    }

    [Fact]
    public async Task Staff_see_and_open_the_previous_versions_the_association_no_longer_sees()
    {
        var (firstId, first) = await UploadedAsync("pv-ag-2024.pdf", "PV-AG");
        var (secondId, _) = await UploadedAsync("pv-ag-2025.pdf", "PV-AG");
        var kindId = await KindIdAsync(factory, "PV-AG");
        var agent = await factory.SignedInClientAsync("agent@portail.test");

        var html = await agent.GetStringAsync($"/Associations/Details/{await DemoAssociationIdAsync(factory)}");

        var current = System.Text.RegularExpressions.Regex.Match(html, $"<tr data-kind=\"{kindId}\">.*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Contains($"href=\"/Fichiers/{secondId}\"", current, StringComparison.Ordinal);
        var previous = System.Text.RegularExpressions.Regex.Matches(html, "<tr class=\"previous-version[^>]*>.*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => m.Value).ToList();
        Assert.Contains(previous, row => row.Contains($"href=\"/Fichiers/{firstId}\"", StringComparison.Ordinal)
            && row.Contains("pv-ag-2024.pdf", StringComparison.Ordinal));
        Assert.Equal(first, await (await agent.GetAsync($"/Fichiers/{firstId}")).Content.ReadAsByteArrayAsync());

        var own = await (await factory.SignedInClientAsync("association@portail.test")).GetStringAsync(DossierUrl);
        Assert.Contains($"/Fichiers/{secondId}", own, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Fichiers/{firstId}", own, StringComparison.Ordinal);
    }

    private async Task<int> PurgeAtAsync(DateTimeOffset now)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var store = ActivatorUtilities.CreateInstance<FileStore>(sp, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now));
        return await store.PurgeAsync(CancellationToken.None);
    }

    private async Task<(Guid Id, byte[] Bytes)> UploadedAsync(string name, string kind)
    {
        var client = await factory.SignedInClientAsync("association@portail.test");
        var bytes = Pdf(name);
        var response = await UploadAsync(client, await KindIdAsync(factory, kind), name, bytes);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, ErrorOf(await response.Content.ReadAsStringAsync()));
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return (await factory.WithDbAsync(db => db.StoredFiles.Where(f => f.Sha256 == sha).Select(f => f.Id).SingleAsync()), bytes);
    }

    private static string Tokenless(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "");
}

/// <summary>The same store with Files:Store=Database: no file on disk, the bytes in StoredFileContents.</summary>
public sealed class DatabaseFileStoreTests : IClassFixture<DatabaseFileStoreTests.DatabaseStoreFactory>
{
    private readonly DatabaseStoreFactory _factory;

    public DatabaseFileStoreTests(DatabaseStoreFactory factory) => _factory = factory;

    public sealed class DatabaseStoreFactory : PortalFactory
    {
        public DatabaseStoreFactory() => Settings["Files:Store"] = "Database";
    }

    [Fact]
    public async Task Files_live_in_the_database_and_download_from_it()
    {
        var client = await _factory.SignedInClientAsync("association@portail.test");
        var bytes = Pdf("base de données");
        var response = await UploadAsync(client, await KindIdAsync(_factory, "STATUTS"), "statuts-bd.pdf", bytes, validUntil: null);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var id = await _factory.WithDbAsync(db => db.StoredFiles.Where(f => f.Sha256 == sha).Select(f => f.Id).SingleAsync());

        Assert.Equal(bytes, await _factory.WithDbAsync(db => db.StoredFileContents.Where(c => c.FileId == id).Select(c => c.Data).SingleAsync()));
        Assert.False(File.Exists(_factory.Service<FileStoreLocation>().PathOf(id)));
        var staff = await _factory.SignedInClientAsync("manager@portail.test");
        Assert.Equal(bytes, await (await staff.GetAsync($"/Fichiers/{id}")).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Two_uploads_of_the_same_file_at_once_keep_two_versions_and_two_contents()
    {
        var kindId = await KindIdAsync(_factory, "RAPPORT");
        var associationId = await DemoAssociationIdAsync(_factory);
        var clients = new[] { await _factory.SignedInClientAsync("association@portail.test"), await _factory.SignedInClientAsync("association@portail.test") };
        var bytes = Pdf("rapport en base");

        var responses = await Task.WhenAll(clients.Select(c => UploadAsync(c, kindId, "rapport.pdf", bytes)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var ids = await _factory.WithDbAsync(db => db.StoredFiles.Where(f => f.Sha256 == sha).Select(f => f.Id).ToListAsync());
        Assert.Equal(2, ids.Count);
        foreach (var id in ids)
        {
            Assert.Equal(bytes, await _factory.WithDbAsync(db => db.StoredFileContents.Where(c => c.FileId == id).Select(c => c.Data).SingleAsync()));
        }

        var versions = await _factory.WithDbAsync(db => db.DossierDocuments.Where(d => d.AssociationId == associationId && d.DocumentKindId == kindId)
            .Select(d => new { d.StoredFileId, d.IsCurrent }).ToListAsync());
        Assert.Subset(versions.Select(v => v.StoredFileId).ToHashSet(), ids.ToHashSet());
        Assert.Single(versions, v => v.IsCurrent);
    }

    [Fact]
    public async Task A_refused_upload_leaves_no_content_row()
    {
        var client = await _factory.SignedInClientAsync("association@portail.test");
        var before = await _factory.WithDbAsync(db => db.StoredFileContents.CountAsync());
        var response = await UploadAsync(client, await KindIdAsync(_factory, "STATUTS"), "x.pdf", Encoding.ASCII.GetBytes("MZ not a pdf"), validUntil: null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(before, await _factory.WithDbAsync(db => db.StoredFileContents.CountAsync()));
    }
}
