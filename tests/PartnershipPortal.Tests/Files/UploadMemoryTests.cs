using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Web.Features.Files;
using static PartnershipPortal.Tests.Files.FileTestKit;

namespace PartnershipPortal.Tests.Files;

/// <summary>
/// The tests that read the process's allocation counter: the portal runs in the test process, and a test running beside
/// them (a portal starting, a workbook written) would count in it. Their collection runs alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "allocations";
}

[Collection(AllocationCollection.Name)]
public sealed class UploadMemoryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_50_MB_upload_is_refused_while_it_is_read_without_being_held_in_memory()
    {
        var client = await factory.SignedInClientAsync("association@portail.test");
        var kindId = await KindIdAsync(factory, "STATUTS");
        var counts = await factory.WithDbAsync(async db => (await db.StoredFiles.CountAsync(), await db.DossierDocuments.CountAsync()));
        const long size = 50L * 1024 * 1024;
        await client.GetStringAsync(DossierUrl);

        // The portal runs in this process: what it allocates while reading the request shows in this counter.
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var response = await UploadAsync(client, kindId, "gros.pdf", new GeneratedContent(size, "%PDF-1.4\n"u8.ToArray()), validUntil: null);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Le fichier dépasse la taille maximale de 10 Mo.", ErrorOf(await response.Content.ReadAsStringAsync()));
        Assert.Equal(counts, await factory.WithDbAsync(async db => (await db.StoredFiles.CountAsync(), await db.DossierDocuments.CountAsync())));
        Assert.True(allocated < size / 4, $"{allocated / (1024 * 1024)} MB allocated for a 50 MB upload");
        Assert.Empty(Directory.Exists(factory.Service<FileStoreLocation>().Incoming)
            ? Directory.GetFiles(factory.Service<FileStoreLocation>().Incoming) : []);
    }
}
