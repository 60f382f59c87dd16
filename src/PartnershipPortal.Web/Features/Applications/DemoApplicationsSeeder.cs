using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Data.Seeding;

namespace PartnershipPortal.Web.Features.Applications;

/// <summary>
/// The demo's open call: a scoring grid, the demo évaluateur assigned, and a few applications in different states
/// (a draft and a submitted one of the demo association, an incomplete and two admissible ones of others, one reviewed).
/// No convention: the published bilans stay as they are. Runs once (idempotent), after the demo accounts.
/// </summary>
public sealed class DemoApplicationsSeeder(PortalDbContext db, TimeProvider time)
{
    public const string CallReference = "AAP-DEMO-OUVERT";
    public const string ReviewerEmail = "evaluateur@portail.test";
    public const string DemoRegistrationNumber = "MA-ASSO-DEMANDE-1";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Calls.AnyAsync(c => c.Reference == CallReference, cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var domains = await db.Domains.Where(d => d.IsActive).OrderBy(d => d.DisplayOrder).Take(2).ToListAsync(cancellationToken);
        var call = new CallForProjects
        {
            Reference = CallReference,
            Title = "Appel à projets : intégration des enfants migrants par l'éducation et la culture",
            Year = today.Year,
            PublicationDate = today.AddDays(-20),
            Deadline = today.AddDays(30),
            BudgetEnvelopeCentimes = 600_000_00,
            MaxPerProjectCentimes = 150_000_00,
            Status = CallForProjectsStatus.Open,
            Description = "Projets d'une durée de 12 mois au plus. Cofinancement de 20 % au moins par l'association ou ses partenaires.",
            Domains = domains,
            Criteria =
            [
                new ScoringCriterion { Label = "Pertinence du projet", Weight = 3, Maximum = 10, DisplayOrder = 1 },
                new ScoringCriterion { Label = "Capacité de l'association", Weight = 2, Maximum = 10, DisplayOrder = 2 },
                new ScoringCriterion { Label = "Cofinancement et budget", Weight = 1, Maximum = 10, DisplayOrder = 3 },
            ],
        };
        db.Calls.Add(call);

        var demoAssociation = await db.Associations.Where(a => a.RegistrationNumber == DemoDataSeeder.DemoAssociationRegistrationNumber).SingleAsync(cancellationToken);
        var others = await db.Associations.Where(a => a.Id != demoAssociation.Id && a.Status == AssociationStatus.Active)
            .OrderBy(a => a.Id).Take(3).ToListAsync(cancellationToken);
        var domain = domains[0];
        Application Make(Association association, string title, ApplicationStatus status, long requested, int? sequence)
        {
            var application = new Application
            {
                CallForProjects = call, Association = association, ProjectTitle = title, Status = status, Domain = domain,
                Region = association.Region, City = association.City,
                Summary = "Ateliers éducatifs et culturels pour les enfants migrants et les enfants du quartier.",
                Objectives = "Favoriser la scolarisation et l'apprentissage de l'arabe et du français.",
                PlannedActivities = "Soutien scolaire hebdomadaire, ateliers de théâtre, sorties culturelles.",
                TargetGroup = "Enfants de 7 à 14 ans", PlannedChildren = 60, PlannedWomen = 20, PlannedMen = 10, PlannedMigrants = 40, PlannedRefugees = 5,
                StartDate = today.AddMonths(2), EndDate = today.AddMonths(14), RequestedAmountCentimes = requested,
                AcknowledgementNumber = sequence is { } n ? Application.FormatNumber(today.Year, n) : null,
                SubmittedAtUtc = sequence is null ? null : now.AddDays(-sequence.Value),
                BudgetLines =
                [
                    new ApplicationBudgetLine { Category = "Animation et encadrement", AmountCentimes = requested, Funder = BudgetFunder.Ministry, DisplayOrder = 0 },
                    new ApplicationBudgetLine { Category = "Locaux et équipement", AmountCentimes = requested / 4, Funder = BudgetFunder.Association, DisplayOrder = 1 },
                ],
            };
            db.Applications.Add(application);
            return application;
        }

        Make(demoAssociation, "Club de lecture pour enfants migrants", ApplicationStatus.Draft, 80_000_00, null);
        Make(demoAssociation, "Ateliers de théâtre interculturel", ApplicationStatus.Submitted, 120_000_00, 1);
        if (others.Count >= 3)
        {
            var incomplete = Make(others[0], "Soutien scolaire au quartier", ApplicationStatus.Incomplete, 90_000_00, 2);
            incomplete.Messages.Add(new ApplicationMessage
            {
                Kind = ApplicationMessageKind.IncompleteNotice, FromStaff = true, AtUtc = now.AddDays(-1),
                Text = "Le budget ne précise pas la part de l'association dans l'équipement : complétez-le, s'il vous plaît.",
            });
            var reviewed = Make(others[1], "Colonie de vacances interculturelle", ApplicationStatus.Admissible, 150_000_00, 3);
            Make(others[2], "Chorale des enfants du monde", ApplicationStatus.Admissible, 60_000_00, 4);

            var reviewer = await db.Users.Where(u => u.Email == ReviewerEmail).SingleOrDefaultAsync(cancellationToken);
            if (reviewer is not null)
            {
                db.ReviewerAssignments.Add(new ReviewerAssignment { CallForProjects = call, UserId = reviewer.Id });
                var criteria = call.Criteria.OrderBy(c => c.DisplayOrder).ToList();
                reviewed.Reviews.Add(new Review
                {
                    ReviewerId = reviewer.Id, Conflict = ReviewConflict.NoConflict, DeclaredAtUtc = now, CompletedAtUtc = now,
                    Scores =
                    [
                        new ReviewScore { Criterion = criteria[0], Score = 8, Comment = "Besoin bien documenté." },
                        new ReviewScore { Criterion = criteria[1], Score = 7, Comment = "Association expérimentée." },
                        new ReviewScore { Criterion = criteria[2], Score = 6, Comment = "Cofinancement juste suffisant." },
                    ],
                });
            }
        }

        // A registration request waiting for the administrator.
        db.RegistrationRequests.Add(new RegistrationRequest
        {
            Name = "Association Horizons Solidaires", NameAr = "جمعية آفاق التضامن", RegistrationNumber = DemoRegistrationNumber,
            Region = Region.FesMeknes, City = "Meknès", ContactPerson = "Salma Idrissi", Email = "contact@horizons-solidaires.demo.test",
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
