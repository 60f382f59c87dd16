using System.Globalization;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Seeding;

/// <summary>The plainly fictional names, places and texts of the demo data.</summary>
internal static class DemoCatalog
{
    public static readonly IReadOnlyList<(string City, Region Region)> Cities =
    [
        ("Rabat", Region.RabatSaleKenitra), ("Casablanca", Region.CasablancaSettat), ("Tanger", Region.TangerTetouanAlHoceima),
        ("Oujda", Region.Oriental), ("Fès", Region.FesMeknes), ("Marrakech", Region.MarrakechSafi),
        ("Agadir", Region.SoussMassa), ("Salé", Region.RabatSaleKenitra), ("Nador", Region.Oriental),
        ("Meknès", Region.FesMeknes), ("Tétouan", Region.TangerTetouanAlHoceima), ("Kénitra", Region.RabatSaleKenitra),
        ("Béni Mellal", Region.BeniMellalKhenifra), ("Errachidia", Region.DraaTafilalet), ("Laâyoune", Region.LaayouneSakiaElHamra),
        ("Dakhla", Region.DakhlaOuedEdDahab), ("Guelmim", Region.GuelmimOuedNoun), ("Safi", Region.MarrakechSafi),
        ("El Jadida", Region.CasablancaSettat), ("Ouarzazate", Region.DraaTafilalet), ("Khouribga", Region.BeniMellalKhenifra),
        ("Tiznit", Region.SoussMassa), ("Al Hoceïma", Region.TangerTetouanAlHoceima), ("Berkane", Region.Oriental),
    ];

    private static readonly string[] Prefixes = ["Association", "Association Marocaine", "Espace Associatif", "Collectif", "Initiative"];

    private static readonly (string Fr, string Ar)[] Themes =
    [
        ("Horizons Solidaires", "آفاق متضامنة"), ("Pont des Cultures", "جسر الثقافات"), ("Main Tendue", "اليد الممدودة"),
        ("Terre d'Accueil", "أرض الاستقبال"), ("Avenir Partagé", "المستقبل المشترك"), ("Chemins Croisés", "طرق متقاطعة"),
        ("Racines et Ailes", "جذور وأجنحة"), ("Lumière du Savoir", "نور المعرفة"), ("Nouveaux Voisins", "الجيران الجدد"),
        ("Vivre-Ensemble", "العيش المشترك"), ("Enfance sans Frontières", "طفولة بلا حدود"), ("Carrefour des Jeunes", "ملتقى الشباب"),
        ("Étoile de l'Espoir", "نجمة الأمل"), ("Plume et Parole", "القلم والكلمة"), ("Maison Commune", "البيت المشترك"),
        ("Cœurs Ouverts", "قلوب مفتوحة"), ("Rives Solidaires", "ضفاف متضامنة"), ("Oasis d'Entraide", "واحة التآزر"),
        ("Arc-en-Ciel Citoyen", "قوس قزح المواطن"), ("Dialogue des Rives", "حوار الضفتين"),
    ];

    private static readonly string[] FirstNames = ["Amina", "Youssef", "Fatima Zahra", "Karim", "Nadia", "Hicham", "Salma", "Omar", "Leïla", "Mehdi", "Aïcha", "Rachid", "Mariam", "Anas", "Khadija", "Ibrahima", "Awa", "Moussa"];

    private static readonly string[] LastNames = ["Benali", "El Idrissi", "Alaoui", "Tazi", "Bennani", "Chraibi", "Ouazzani", "Diallo", "Traoré", "Berrada", "Lahlou", "Kabbaj", "Sow", "Fassi", "Amrani"];

    private static readonly Dictionary<string, (string[] Titles, string Beneficiaries)> ProjectTexts = new()
    {
        ["EDU"] = (["Cours de langue arabe et de darija", "Soutien scolaire et intégration éducative", "Alphabétisation des adultes migrants", "Enseignement de la langue et de la culture marocaines", "Préscolaire et accompagnement des familles"], "Enfants et adultes migrants et réfugiés"),
        ["CULT"] = (["Ateliers artistiques interculturels", "Tournoi sportif de la diversité", "Festival des cultures", "Activités de jeunesse et de loisirs", "Théâtre et musique pour le vivre-ensemble"], "Jeunes migrants, réfugiés et marocains"),
        ["HUM"] = (["Aide alimentaire et kits d'hygiène", "Assistance médicale et psychosociale", "Hébergement d'urgence", "Couvertures et vêtements d'hiver", "Accompagnement social des personnes vulnérables"], "Migrants et réfugiés en situation de vulnérabilité"),
        ["CAMP"] = (["Colonie de vacances pour enfants de migrants (7 à 14 ans)", "Séjour d'été éducatif et récréatif", "Camp d'été de la découverte du Maroc"], "Enfants de migrants et réfugiés âgés de 7 à 14 ans"),
    };

    public static Association Association(int index, DeterministicRandom random)
    {
        var prefix = Prefixes[index % Prefixes.Length];
        var theme = Themes[index / Prefixes.Length % Themes.Length];
        var (city, region) = Cities[index % Cities.Count];
        var number = (index + 1).ToString("0000", CultureInfo.InvariantCulture);
        var acronym = string.Concat((prefix + " " + theme.Fr)
            .Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => char.IsUpper(w[0]))
            .Select(w => char.ToUpperInvariant(RemoveAccent(w[0]))));
        return new Association
        {
            Name = $"{prefix} {theme.Fr} de {city}",
            NameAr = prefix.StartsWith("Association", StringComparison.Ordinal) ? $"جمعية {theme.Ar}" : null,
            Acronym = acronym,
            RegistrationNumber = $"MA-ASSO-{number}",
            City = city,
            Region = region,
            Address = string.Create(CultureInfo.InvariantCulture, $"{3 + random.Next(180)}, rue {LastNames[random.Next(LastNames.Length)]}, {city}"),
            Phone = string.Create(CultureInfo.InvariantCulture, $"05 {20 + random.Next(80):00} {random.Next(100):00} {random.Next(100):00} {random.Next(100):00}"),
            Email = $"contact.{number}@associations.demo.test",
            ContactPerson = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}",
            Status = AssociationStatus.Active,
        };
    }

    public static List<CallForProjects> Calls(Dictionary<string, InterventionDomain> domains) =>
    [
        new()
        {
            Reference = "AAP-2017-01", Title = "Appel à projets : intégration éducative des migrants et des réfugiés", Year = 2017,
            PublicationDate = new DateOnly(2017, 6, 5), Deadline = new DateOnly(2017, 7, 10), BudgetEnvelopeCentimes = 4_500_000_00,
            Status = CallForProjectsStatus.Closed, Domains = [domains["EDU"]],
            Description = "Projets d'enseignement de la langue et de la culture marocaines, de soutien scolaire et d'alphabétisation au profit des migrants et réfugiés.",
        },
        new()
        {
            Reference = "AAP-2017-02", Title = "Appel à projets : intégration culturelle, jeunesse et loisirs", Year = 2017,
            PublicationDate = new DateOnly(2017, 6, 5), Deadline = new DateOnly(2017, 7, 10), BudgetEnvelopeCentimes = 1_600_000_00,
            Status = CallForProjectsStatus.Closed, Domains = [domains["CULT"]],
            Description = "Activités culturelles, sportives et de loisirs favorisant la rencontre entre migrants, réfugiés et société marocaine.",
        },
        new()
        {
            Reference = "AAP-2017-03", Title = "Appel à projets : colonies de vacances au profit des enfants migrants et réfugiés", Year = 2017,
            PublicationDate = new DateOnly(2017, 5, 15), Deadline = new DateOnly(2017, 6, 9), BudgetEnvelopeCentimes = 500_000_00,
            Status = CallForProjectsStatus.Closed, Domains = [domains["CULT"], domains["CAMP"]],
            Description = "Séjours d'été éducatifs et récréatifs pour les enfants des migrants et réfugiés.",
        },
        new()
        {
            Reference = "AAP-2018-01", Title = "Appel à projets : colonies de vacances 2018 (enfants de 7 à 14 ans)", Year = 2018,
            PublicationDate = new DateOnly(2018, 4, 9), Deadline = new DateOnly(2018, 5, 11), BudgetEnvelopeCentimes = 400_000_00,
            Status = CallForProjectsStatus.Closed, Domains = [domains["CAMP"]],
            Description = "Réalisation d'actions concernant les colonies de vacances en faveur des enfants des migrants et réfugiés âgés entre 7 et 14 ans.",
        },
    ];

    public static Project Project(
        InterventionDomain domain, int year, Association association, DateOnly signed, long amountCentimes, int position, DeterministicRandom random)
    {
        var (titles, beneficiaries) = ProjectTexts[domain.Code];
        var title = titles[(random.Next(titles.Length) + position) % titles.Length];
        var start = domain.Code == "CAMP" ? new DateOnly(year, 7, 10 + random.Next(15)) : signed.AddDays(7 + random.Next(21));
        var end = domain.Code == "CAMP" ? start.AddDays(10) : start.AddMonths(3 + random.Next(6));
        return new Project
        {
            Title = $"{title} à {association.City}",
            Domain = domain,
            BudgetYear = year,
            City = association.City,
            BeneficiariesCount = 20 + (random.Next(29) * 10),
            BeneficiariesDescription = beneficiaries,
            AmountCentimes = amountCentimes,
            StartDate = start,
            EndDate = end,
            Status = ProjectStatus.Completed,
        };
    }

    public static List<ProgrammeActivity> Activities(List<Association> associations, List<Convention> conventions2017)
    {
        var humanitarian2017 = conventions2017
            .Where(c => c.CallForProjects is null)
            .Select(c => c.Association!)
            .ToList();
        return
        [
            new()
            {
                Kind = ActivityKind.ConsultationMeeting, Year = 2017,
                Title = "Rencontre de concertation avec les associations œuvrant dans les domaines de l'immigration et de l'asile",
                StartDate = new DateOnly(2017, 5, 10), EndDate = new DateOnly(2017, 5, 10),
                Place = "Centre d'Accueil et des Conférences, Hay Riyad, Rabat",
                ParticipantsCount = 130, ParticipantsDescription = "Représentants d'associations, des départements et des institutions publiques concernés",
                Description = "Sous la présidence de Monsieur le Ministre : les mécanismes d'amélioration du partenariat avec la société civile et de renforcement des opportunités d'intégration des immigrants et des réfugiés.",
                Associations = [.. associations.Take(40)],
            },
            new()
            {
                Kind = ActivityKind.CallForProjectsLaunch, Year = 2017,
                Title = "Lancement de trois appels à projets : éducation, culture et colonies de vacances",
                StartDate = new DateOnly(2017, 5, 15), EndDate = new DateOnly(2017, 6, 5),
                Description = "Appels à projets relatifs à l'intégration des migrants et des réfugiés dans les domaines de l'éducation et de la culture.",
            },
            new()
            {
                Kind = ActivityKind.MigrantsWeek, Year = 2017,
                Title = "Troisième édition de la Semaine des migrants au Maroc",
                StartDate = new DateOnly(2017, 12, 12), EndDate = new DateOnly(2017, 12, 20),
                Description = "Conventions de partenariat avec des associations pour des activités d'assistance humanitaire en faveur des migrants et réfugiés.",
                Associations = humanitarian2017,
            },
            new()
            {
                Kind = ActivityKind.CallForProjectsLaunch, Year = 2018,
                Title = "Lancement de l'appel à projets colonies de vacances",
                StartDate = new DateOnly(2018, 4, 9), EndDate = new DateOnly(2018, 4, 9),
                Description = "Colonies de vacances en faveur des enfants des migrants et réfugiés âgés entre 7 et 14 ans.",
            },
            new()
            {
                Kind = ActivityKind.TrainingWorkshop, Year = 2018,
                Title = "Atelier de formation : renforcement des capacités dans l'élaboration des projets",
                StartDate = new DateOnly(2018, 10, 16), EndDate = new DateOnly(2018, 10, 18),
                Place = "Rabat", ParticipantsCount = 53,
                ParticipantsDescription = "Représentants des associations de la société civile œuvrant dans le domaine de l'immigration et de l'asile",
                Partners = "Organisation Internationale pour les Migrations (OIM)\nAgence de Développement Social (ADS)",
                Description = "Renforcer les capacités des associations dans l'élaboration des projets.",
                Associations = [.. associations.Take(12)],
            },
        ];
    }

    private static char RemoveAccent(char c) => c switch
    {
        'É' or 'È' or 'Ê' => 'E',
        'À' or 'Â' => 'A',
        'Î' or 'Ï' => 'I',
        'Ô' => 'O',
        'Œ' => 'O',
        _ => c,
    };
}
