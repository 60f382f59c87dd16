using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Files;

/// <summary>Associations with a dossier written straight into a test portal's database, and what their pages show.</summary>
internal static partial class DossierTestData
{
    /// <summary>The six kinds the reference data seeds, all required; STATUTS alone does not expire.</summary>
    public static readonly string[] Kinds = ["STATUTS", "RECEPISSE", "PV-AG", "BUREAU", "RIB", "RAPPORT"];

    /// <summary>Every kind present, valid until <paramref name="validUntil"/>, except the codes in <paramref name="missing"/>.</summary>
    public static (string Code, DateOnly ValidUntil)[] AllKinds(DateOnly validUntil, params string[] missing) =>
        Kinds.Where(k => !missing.Contains(k)).Select(k => (k, validUntil)).ToArray();

    /// <summary>
    /// A new association holding one current document per given kind (metadata only: these tests read states, not
    /// bytes). A kind that does not expire gets no date, as an upload would give it.
    /// </summary>
    public static Task<int> AddAssociationAsync(PortalFactory factory, string name, params (string Code, DateOnly ValidUntil)[] documents) =>
        factory.WithDbAsync(async db =>
        {
            var kinds = await db.DocumentKinds.AsNoTracking().ToDictionaryAsync(k => k.Code);
            var association = new Association
            {
                Name = name, RegistrationNumber = "DOSSIER-" + Guid.NewGuid().ToString("N")[..12], City = "Meknès", Region = Region.FesMeknes,
            };
            db.Associations.Add(association);
            await db.SaveChangesAsync();
            foreach (var (code, validUntil) in documents)
            {
                var kind = kinds[code];
                var file = new StoredFile
                {
                    Id = Guid.NewGuid(), OriginalName = code.ToLowerInvariant() + ".pdf", FileName = code.ToLowerInvariant() + ".pdf",
                    ContentType = "application/pdf", SizeBytes = 1000, Sha256 = new string('0', 64), UploadedBy = "test",
                    UploadedAtUtc = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), OwnerAssociationId = association.Id,
                    AttachedTo = nameof(DossierDocument),
                };
                db.StoredFiles.Add(file);
                db.DossierDocuments.Add(new DossierDocument
                {
                    AssociationId = association.Id, DocumentKindId = kind.Id, StoredFileId = file.Id, VersionNumber = 1, IsCurrent = true,
                    ValidUntil = kind.HasValidity ? validUntil : null,
                });
            }

            await db.SaveChangesAsync();
            return association.Id;
        });

    /// <summary>The dossier's state as the badge beside the "Dossier juridique" heading shows it.</summary>
    public static string StateBadge(string html)
    {
        var match = StateBadgeElement().Match(html);
        Assert.True(match.Success, "The page shows no dossier state.");
        return WebUtility.HtmlDecode(match.Groups["text"].Value).Trim();
    }

    /// <summary>The state shown on the line of kind <paramref name="kindId"/> of the dossier table.</summary>
    public static string LineState(string html, int kindId)
    {
        var match = Regex.Match(html, $"<tr data-kind=\"{kindId}\">\\s*<td>[^<]*</td>\\s*<td><span class=\"badge[^\"]*\">(?<text>[^<]*)</span>");
        Assert.True(match.Success, $"The dossier table has no line for kind {kindId}.");
        return WebUtility.HtmlDecode(match.Groups["text"].Value).Trim();
    }

    [GeneratedRegex("id=\"dossier-state\">(?<text>[^<]*)<")]
    private static partial Regex StateBadgeElement();
}
