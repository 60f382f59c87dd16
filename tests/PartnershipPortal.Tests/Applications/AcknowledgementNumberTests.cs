using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using PartnershipPortal.Web.Features.Applications;
using PartnershipPortal.Web.Infrastructure.Email;
using static PartnershipPortal.Tests.Applications.ApplicationTestKit;

namespace PartnershipPortal.Tests.Applications;

/// <summary>
/// The acknowledgement numbers of one year: the first is 0001 whatever other years hold, and a number taken by another
/// submission at the same instant gives way to the next one, in the record and in the mail. One test, on a clock moved to
/// a year no other submission uses.
/// </summary>
public sealed class AcknowledgementNumberTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    [Fact]
    public async Task The_year_s_first_number_is_0001_and_a_number_taken_meanwhile_gives_way_to_the_next()
    {
        // The portal starts (and seeds its demo applications, numbered in the year of its clock) before the clock moves.
        var call = await CreateOpenCallAsync(factory, null);
        factory.Clock.SetUtcNow(new DateTimeOffset(2040, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var association = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var bystander = await factory.WithDbAsync(async db =>
        {
            // Numbers of other years: the highest of them is not this year's last.
            db.Applications.Add(new Application { CallForProjectsId = call.Id, AssociationId = association, ProjectTitle = "D'une autre année", AcknowledgementNumber = "CAND-2041-0042", Status = ApplicationStatus.Submitted });
            db.Applications.Add(new Application { CallForProjectsId = call.Id, AssociationId = association, ProjectTitle = "Déposée au même instant", Status = ApplicationStatus.Draft });
            await db.SaveChangesAsync();
            return await db.Applications.Where(a => a.ProjectTitle == "Déposée au même instant").Select(a => a.Id).SingleAsync();
        });

        var first = await factory.SubmitApplicationAsync(call, "Première de 2040", "50 000");
        Assert.Equal("CAND-2040-0001", await NumberAsync(first));

        // Between this submission's numbering and its save, another submission takes CAND-2040-0002.
        var takesTheNumber = new SavesFirst(factory.ConnectionString, async (other, ct) =>
        {
            var application = await other.Applications.SingleAsync(a => a.Id == bystander, ct);
            (application.AcknowledgementNumber, application.Status, application.Version) = ("CAND-2040-0002", ApplicationStatus.Submitted, Guid.NewGuid());
        });
        var result = await factory.WithInterloperAsync(takesTheNumber, (services, db) =>
            ActivatorUtilities.CreateInstance<ApplicationService>(services, db,
                ActivatorUtilities.CreateInstance<ApplicationMailer>(services, db, ActivatorUtilities.CreateInstance<MailOutbox>(services, db)))
            .CreateAsync(association, call.Id, ServiceForm(call.DomainId, "Seconde de 2040", 2040), submit: true, CancellationToken.None));

        Assert.True(result.Outcome.Succeeded);
        Assert.Equal("CAND-2040-0003", await NumberAsync(result.Outcome.Id));
        Assert.Equal("CAND-2040-0002", await NumberAsync(bystander));
        var mail = Assert.Single(await MailsAsync(factory), m => m.TextBody?.Contains("Seconde de 2040", StringComparison.Ordinal) == true);
        Assert.Contains("CAND-2040-0003", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("CAND-2040-0002", mail.TextBody, StringComparison.Ordinal);
    }

    private Task<string?> NumberAsync(int id) => factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.AcknowledgementNumber).SingleAsync());
}
