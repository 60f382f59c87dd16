using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Seeding;

/// <summary>
/// Fictional associations, calls, conventions, projects and activities whose bilan reproduces the ministry's
/// published 2017 and 2018 tables exactly. Deterministic: the same rows on every machine and every run.
/// </summary>
public sealed class DemoDataSeeder(PortalDbContext db, ReferenceDataSeeder referenceData)
{
    /// <summary>The association the demo Association account is linked to; it has conventions in 2017 and 2018.</summary>
    public const string DemoAssociationRegistrationNumber = "MA-ASSO-0001";

    private const int AssociationCount = 100;
    private const int OverlapBetweenYears = 24;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await referenceData.SeedAsync(cancellationToken);
        if (await db.Associations.AnyAsync(a => a.RegistrationNumber == DemoAssociationRegistrationNumber, cancellationToken))
        {
            return;
        }

        // SQL Server's retrying strategy refuses a user transaction unless the strategy itself runs it.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await AddDemoRecordsAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    private async Task AddDemoRecordsAsync(CancellationToken cancellationToken)
    {
        var domains = await db.Domains.ToDictionaryAsync(d => d.Code, cancellationToken);
        var random = new DeterministicRandom(20172018);

        var associations = Enumerable.Range(0, AssociationCount).Select(i => DemoCatalog.Association(i, random)).ToList();
        db.Associations.AddRange(associations);

        var calls = DemoCatalog.Calls(domains);
        db.Calls.AddRange(calls);

        var published = PublishedBilan.Load();
        var year2017 = associations.Take(78).ToList();
        var year2018 = associations.Take(OverlapBetweenYears).Concat(associations.Skip(78).Take(42 - OverlapBetweenYears)).ToList();

        var conventions2017 = Plan2017(published.Year(2017), year2017, calls, domains, random);
        var conventions2018 = Plan2018(published.Year(2018), year2018, calls, domains, random);
        db.Conventions.AddRange(conventions2017);
        db.Conventions.AddRange(conventions2018);
        db.Conventions.AddRange(StatesThatDoNotCount(associations, conventions2017, conventions2018, domains));

        db.Activities.AddRange(DemoCatalog.Activities(associations, conventions2017));
    }

    /// <summary>
    /// 2017: three calls (education, culture, summer camps) and, during the third Semaine des migrants,
    /// humanitarian conventions signed without a call. One convention per association.
    /// </summary>
    private static List<Convention> Plan2017(
        PublishedYear year,
        List<Association> associations,
        List<CallForProjects> calls,
        Dictionary<string, InterventionDomain> domains,
        DeterministicRandom random)
    {
        // (domain, call, projects per convention): the layout of conventions behind each published row.
        var plan = new List<(string Domain, string? Call, int[] ProjectsPerConvention, DateOnly SignedFrom, int SignedDays)>
        {
            ("EDU", "AAP-2017-01", Repeat(2, 20).Concat(Repeat(1, 25)).ToArray(), new DateOnly(2017, 9, 4), 45),
            ("CULT", "AAP-2017-02", Repeat(2, 10).Concat(Repeat(1, 5)).ToArray(), new DateOnly(2017, 9, 11), 40),
            ("CAMP", "AAP-2017-03", Repeat(2, 2).Concat(Repeat(1, 6)).ToArray(), new DateOnly(2017, 6, 26), 10),
            ("HUM", null, Repeat(1, 10), new DateOnly(2017, 12, 12), 9),
        };
        return Build(year, associations, plan, calls, domains, random);
    }

    /// <summary>2018: one call for summer camps (April); the other domains were funded as grants without a call.</summary>
    private static List<Convention> Plan2018(
        PublishedYear year,
        List<Association> associations,
        List<CallForProjects> calls,
        Dictionary<string, InterventionDomain> domains,
        DeterministicRandom random)
    {
        var plan = new List<(string Domain, string? Call, int[] ProjectsPerConvention, DateOnly SignedFrom, int SignedDays)>
        {
            ("EDU", null, Repeat(2, 1).Concat(Repeat(1, 14)).ToArray(), new DateOnly(2018, 2, 12), 120),
            ("CAMP", "AAP-2018-01", Repeat(2, 1).Concat(Repeat(1, 11)).ToArray(), new DateOnly(2018, 6, 4), 20),
            ("CULT", null, Repeat(1, 10), new DateOnly(2018, 3, 5), 150),
            ("HUM", null, Repeat(1, 5), new DateOnly(2018, 11, 19), 25),
        };
        return Build(year, associations, plan, calls, domains, random);
    }

    private static List<Convention> Build(
        PublishedYear year,
        List<Association> associations,
        List<(string Domain, string? Call, int[] ProjectsPerConvention, DateOnly SignedFrom, int SignedDays)> plan,
        List<CallForProjects> calls,
        Dictionary<string, InterventionDomain> domains,
        DeterministicRandom random)
    {
        var conventions = new List<Convention>();
        var nextAssociation = 0;
        foreach (var (domainCode, callReference, projectsPerConvention, signedFrom, signedDays) in plan)
        {
            var row = year.Rows.Single(r => r.Domain == domainCode);
            if (projectsPerConvention.Sum() != row.Projects)
            {
                throw new InvalidOperationException($"Demo plan for {year.Year} {domainCode} does not match the published count.");
            }

            // Multiples of 500 DH, in centimes.
            var amounts = AmountSplitter.Split(row.Amount, row.Projects, 500, random);
            var call = callReference is null ? null : calls.Single(c => c.Reference == callReference);
            var projectIndex = 0;
            foreach (var projectCount in projectsPerConvention)
            {
                var association = associations[nextAssociation++];
                var signed = signedFrom.AddDays(random.Next(signedDays + 1));
                var convention = new Convention
                {
                    Reference = "",
                    BudgetYear = year.Year,
                    Association = association,
                    CallForProjects = call,
                    SigningDate = signed,
                    Status = ConventionStatus.Completed,
                };
                for (var p = 0; p < projectCount; p++)
                {
                    convention.Projects.Add(DemoCatalog.Project(
                        domains[domainCode], year.Year, association, signed, amounts[projectIndex++] * 100, p, random));
                }

                convention.RecomputeTotal();
                conventions.Add(convention);
            }
        }

        if (nextAssociation != year.Associations)
        {
            throw new InvalidOperationException($"Demo plan for {year.Year} uses {nextAssociation} associations, not {year.Associations}.");
        }

        // Numbered in signing order, as the ministry's register would have them.
        var sequence = 0;
        foreach (var convention in conventions.OrderBy(c => c.SigningDate).ThenBy(c => c.Association!.RegistrationNumber, StringComparer.Ordinal))
        {
            convention.Sequence = ++sequence;
            convention.Reference = Convention.FormatReference(year.Year, sequence);
        }

        return conventions;
    }

    /// <summary>
    /// Records in every state the bilan leaves out, beside the published ones, so that each screen that counts is
    /// tested against them: a cancelled convention (2017), a draft (2018), a cancelled project in a counted convention
    /// (2018) and a signed convention whose only project was cancelled (2018). Each belongs to an association that
    /// already has a counted convention that year, so the published figures stay exact (docs/bilan.md). Drawn
    /// without the random generator, so the published rows keep their amounts.
    /// </summary>
    private static List<Convention> StatesThatDoNotCount(
        List<Association> associations, List<Convention> conventions2017, List<Convention> conventions2018, Dictionary<string, InterventionDomain> domains)
    {
        Convention Extra(int year, Association association, ConventionStatus status, DateOnly? signed, int sequence, string title, long dirhams, ProjectStatus projectStatus)
        {
            var convention = new Convention
            {
                Reference = Convention.FormatReference(year, sequence),
                Sequence = sequence,
                BudgetYear = year,
                Association = association,
                SigningDate = signed,
                Status = status,
                InternalNotes = "Donnée de démonstration : ne compte pas dans le bilan.",
            };
            convention.Projects.Add(new Project
            {
                Title = $"{title} à {association.City}",
                Domain = domains["EDU"],
                BudgetYear = year,
                City = association.City,
                AmountCentimes = dirhams * 100,
                Status = projectStatus,
            });
            convention.RecomputeTotal();
            return convention;
        }

        // The sequences follow each year's published conventions (78 in 2017, 42 in 2018).
        var counted2018 = conventions2018.First(c => c.Association == associations[12]);
        counted2018.Projects.Add(new Project
        {
            Title = $"Atelier annulé à {associations[12].City}",
            Domain = domains["CULT"],
            BudgetYear = 2018,
            City = associations[12].City,
            AmountCentimes = 12_000_00,
            Status = ProjectStatus.Cancelled,
        });
        counted2018.RecomputeTotal();
        return
        [
            Extra(2017, associations[10], ConventionStatus.Cancelled, null, conventions2017.Count + 1, "Soutien scolaire (convention annulée)", 20_000, ProjectStatus.Planned),
            Extra(2018, associations[11], ConventionStatus.Draft, null, conventions2018.Count + 1, "Cours de langue (brouillon)", 15_000, ProjectStatus.Planned),
            Extra(2018, associations[13], ConventionStatus.Signed, new DateOnly(2018, 9, 3), conventions2018.Count + 2, "Soutien scolaire (projet annulé)", 9_500, ProjectStatus.Cancelled),
        ];
    }

    private static int[] Repeat(int value, int count) => Enumerable.Repeat(value, count).ToArray();
}
