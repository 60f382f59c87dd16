using PartnershipPortal.Data.Seeding;
using PartnershipPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace PartnershipPortal.Tests.Security;

/// <summary>What a request answers. For a POST, <see cref="Ok"/> means "reached the action's filters": 400, the antiforgery check.</summary>
public enum Answer
{
    Ok,
    Login,
    Redirect,
    Forbidden,
    NotFound,
    BadRequest,

    /// <summary>Reached the action, which refuses it because of the record's state (a signed convention's terms): 409.</summary>
    Conflict,
}

/// <summary>The expected answer for each identity the matrix signs in.</summary>
/// <remarks>The reviewer (évaluateur) is refused whatever is not said otherwise: staff pages, the associations' space.</remarks>
public sealed record Rule(Answer Anonymous, Answer Administrator, Answer Agent, Answer Manager, Answer Association, Answer OtherAssociation, Answer Reviewer = Answer.Forbidden)
{
    public static readonly Rule Everyone = new(Answer.Ok, Answer.Ok, Answer.Ok, Answer.Ok, Answer.Ok, Answer.Ok, Answer.Ok);
    public static readonly Rule SignedIn = new(Answer.Login, Answer.Ok, Answer.Ok, Answer.Ok, Answer.Ok, Answer.Ok, Answer.Ok);
    public static readonly Rule Staff = new(Answer.Login, Answer.Ok, Answer.Ok, Answer.Ok, Answer.Forbidden, Answer.Forbidden);
    public static readonly Rule Editor = new(Answer.Login, Answer.Ok, Answer.Ok, Answer.Forbidden, Answer.Forbidden, Answer.Forbidden);
    public static readonly Rule AdministratorOnly = new(Answer.Login, Answer.Ok, Answer.Forbidden, Answer.Forbidden, Answer.Forbidden, Answer.Forbidden);
    public static readonly Rule AssociationOnly = new(Answer.Login, Answer.Forbidden, Answer.Forbidden, Answer.Forbidden, Answer.Ok, Answer.Ok);

    /// <summary>A record of the demo association: its owner opens it, the second association gets the 404 of a missing record.</summary>
    public static readonly Rule OwnAssociationRecord = new(Answer.Login, Answer.Forbidden, Answer.Forbidden, Answer.Forbidden, Answer.Ok, Answer.NotFound);

    /// <summary>Editors reach the action and get <paramref name="answer"/>; managers and associations are refused.</summary>
    public static Rule EditorThen(Answer answer) => new(Answer.Login, answer, answer, Answer.Forbidden, Answer.Forbidden, Answer.Forbidden);

    /// <summary>Only the reviewer assigned to the sample's call (the demo évaluateur) opens it.</summary>
    public static readonly Rule ReviewerOnly = new(Answer.Login, Answer.Forbidden, Answer.Forbidden, Answer.Forbidden, Answer.Forbidden, Answer.Forbidden, Answer.Ok);

    /// <summary>Administrators and managers decide on applications; agents, associations and reviewers are refused.</summary>
    public static readonly Rule Decider = new(Answer.Login, Answer.Ok, Answer.Forbidden, Answer.Ok, Answer.Forbidden, Answer.Forbidden);

    /// <summary>Administrators and managers write and publish the bilan's editions; agents read them; associations and reviewers are refused.</summary>
    public static readonly Rule Publisher = new(Answer.Login, Answer.Ok, Answer.Forbidden, Answer.Ok, Answer.Forbidden, Answer.Forbidden);

    public static Rule All(Answer answer) => new(answer, answer, answer, answer, answer, answer, answer);

    public static Rule SignedInThen(Answer answer) => new(Answer.Login, answer, answer, answer, answer, answer, answer);

    public Answer For(Identity identity) => identity switch
    {
        Identity.Anonymous => Anonymous,
        Identity.Administrator => Administrator,
        Identity.Agent => Agent,
        Identity.Manager => Manager,
        Identity.Association => Association,
        Identity.OtherAssociation => OtherAssociation,
        Identity.Reviewer => Reviewer,
        _ => throw new ArgumentOutOfRangeException(nameof(identity)),
    };
}

public enum Identity
{
    Anonymous,
    Administrator,
    Agent,
    Manager,
    Association,
    OtherAssociation,
    Reviewer,
}

/// <summary>
/// One row per controller: the rule for all its actions, overrides by action ("Login") or by verb and action ("GET Login"),
/// and the sample id put in its routes. A controller without a row fails <c>Every_route_has_an_expectation</c>.
/// </summary>
public sealed record ControllerRow(Rule Default, Dictionary<string, Rule>? Overrides = null, Func<PortalFactory, Task<string>>? SampleId = null);

public static class AuthorizationMatrix
{
    private static Dictionary<string, Rule> EditorOnly(params string[] actions) =>
        actions.ToDictionary(a => a, _ => Rule.Editor, StringComparer.Ordinal);

    /// <summary>A list export without its format (csv, xlsx) is no export: staff get 404, associations never reach it.</summary>
    private static readonly Rule StaffExportWithoutFormat =
        new(Answer.Login, Answer.NotFound, Answer.NotFound, Answer.NotFound, Answer.Forbidden, Answer.Forbidden);

    public static readonly Dictionary<string, ControllerRow> Table = new(StringComparer.Ordinal)
    {
        ["Home"] = new(Rule.Everyone),
        ["Culture"] = new(Rule.Everyone, new()
        {
            // The cached public pages' picker: sets the language cookie and goes back (home without a returnUrl).
            ["Choose"] = Rule.All(Answer.Redirect),
        }),
        ["Error"] = new(Rule.All(Answer.NotFound), SampleId: _ => Task.FromResult("404")),
        ["Account"] = new(Rule.SignedIn, new()
        {
            ["Login"] = Rule.Everyone,
            ["ForgotPassword"] = Rule.Everyone,
            ["GET ResetPassword"] = Rule.All(Answer.BadRequest), // without its link's userId and code
            ["POST ResetPassword"] = Rule.Everyone,
            ["GET LoginWithTwoFactor"] = Rule.All(Answer.Login), // nobody is half-way through a sign-in
            ["POST LoginWithTwoFactor"] = Rule.Everyone,
            ["GET LoginWithRecoveryCode"] = Rule.All(Answer.Login),
            ["POST LoginWithRecoveryCode"] = Rule.Everyone,
            ["AccessDenied"] = Rule.All(Answer.Forbidden),
            ["GET RecoveryCodes"] = Rule.SignedInThen(Answer.Redirect), // shown once, right after generation
        }),
        ["MonEspace"] = new(Rule.AssociationOnly, new()
        {
            ["Convention"] = Rule.OwnAssociationRecord,
        }, SampleId: DemoConventionIdAsync),
        ["Users"] = new(Rule.AdministratorOnly, SampleId: f => SecurityTestKit.UserIdAsync(f, "agent@portail.test")),
        ["AuditLog"] = new(Rule.AdministratorOnly, new()
        {
            // Without its format (csv, xlsx) the export is no export: the administrator gets 404.
            ["Export"] = new(Answer.Login, Answer.NotFound, Answer.Forbidden, Answer.Forbidden, Answer.Forbidden, Answer.Forbidden),
        }),
        ["Dashboard"] = new(Rule.Staff),
        ["Associations"] = new(Rule.Staff, new(EditorOnly("Create", "Edit", "Delete", "DeleteConfirmed", "Archive"), StringComparer.Ordinal)
        {
            ["Export"] = StaffExportWithoutFormat,
        }),
        ["Calls"] = new(Rule.Staff, EditorOnly("Create", "Edit", "Delete", "DeleteConfirmed")),
        // The sample is CONV-2017-001, a completed convention: its terms no longer change (409), its status and notes do.
        ["Conventions"] = new(Rule.Staff, new(EditorOnly("Create", "Edit", "Delete", "DeleteConfirmed", "Notes", "Transition", "Amend"), StringComparer.Ordinal)
        {
            ["GET Edit"] = Rule.EditorThen(Answer.Conflict),
            ["GET Amend"] = Rule.EditorThen(Answer.Conflict),
            ["Export"] = StaffExportWithoutFormat,
        }, SampleId: f => f.WithDbAsync(db => db.Conventions.Where(c => c.Reference == "CONV-2017-001")
            .Select(c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).SingleAsync())),
        ["Projects"] = new(Rule.Staff, new(EditorOnly("Edit", "Delete", "DeleteConfirmed"), StringComparer.Ordinal)
        {
            ["Export"] = StaffExportWithoutFormat,
        }),
        ["Activities"] = new(Rule.Staff, new(EditorOnly("Create", "Edit", "Delete", "DeleteConfirmed"), StringComparer.Ordinal)
        {
            ["Export"] = StaffExportWithoutFormat,
        }),
        ["Domains"] = new(Rule.AdministratorOnly),
        ["Bilan"] = new(Rule.Staff),
        ["Lookups"] = new(Rule.Staff),

        // Issue 16: the file store and the dossier.
        ["DocumentKinds"] = new(Rule.AdministratorOnly, SampleId: f => f.WithDbAsync(db => db.DocumentKinds.OrderBy(k => k.Id)
            .Select(k => k.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).FirstAsync())),
        ["Files"] = new(new Rule(Answer.Login, Answer.Ok, Answer.Ok, Answer.Ok, Answer.Ok, Answer.NotFound, Answer.NotFound), SampleId: DemoFileIdAsync),
        ["MonEspaceDossier"] = new(Rule.AssociationOnly, new()
        {
            ["GET Delete"] = Rule.OwnAssociationRecord,
        }, SampleId: DemoDossierDocumentIdAsync),

        // Issue 17: applications to calls, their review and the selection.
        // Without ?appel= the form has no call: 404 for an association.
        ["MonEspaceAppels"] = new(Rule.AssociationOnly, new()
        {
            ["GET Apply"] = new(Answer.Login, Answer.Forbidden, Answer.Forbidden, Answer.Forbidden, Answer.NotFound, Answer.NotFound),
        }),
        ["MonEspaceCandidatures"] = new(Rule.OwnAssociationRecord, new()
        {
            ["POST Details"] = Rule.AssociationOnly, // the antiforgery check (400) comes before the record is looked up
            ["Attach"] = Rule.AssociationOnly, // the upload reader checks the token (400) before the record is looked up
            ["Detach"] = Rule.AssociationOnly, // the antiforgery check (400) comes before the record is looked up
        }, SampleId: DemoSubmittedApplicationIdAsync),
        ["Candidatures"] = new(Rule.Staff, new(StringComparer.Ordinal)
        {
            ["Completeness"] = Rule.Editor,
            ["Decide"] = Rule.Decider,
        }, SampleId: DemoSubmittedApplicationIdAsync),
        ["Selection"] = new(Rule.Staff, new(StringComparer.Ordinal)
        {
            ["Setup"] = Rule.AdministratorOnly,
            ["Grid"] = Rule.AdministratorOnly,
            ["Reviewers"] = Rule.AdministratorOnly,
        }, SampleId: DemoOpenCallIdAsync),
        // The demo évaluateur is assigned to the demo open call; its admissible applications are the samples.
        ["Evaluation"] = new(Rule.ReviewerOnly, SampleId: DemoOpenCallIdAsync),
        ["EvaluationCandidatures"] = new(Rule.ReviewerOnly, SampleId: DemoAdmissibleApplicationIdAsync),
        ["Inscription"] = new(Rule.Everyone),

        // Issue 19: the bilan's editions (staff) and their public page. The demo's published 2017–2018 edition is the
        // first edition, so its id (1) is also the number of its one version in the routes' {number}.
        ["Editions"] = new(Rule.Staff, new(StringComparer.Ordinal)
        {
            ["Create"] = Rule.Publisher,
            ["Edit"] = Rule.Publisher,
            ["Publish"] = Rule.Publisher,
        }, SampleId: DemoEditionIdAsync),
        ["Publications"] = new(Rule.Everyone, SampleId: DemoEditionIdAsync),
        ["Inscriptions"] = new(Rule.AdministratorOnly, SampleId: f => f.WithDbAsync(db => db.RegistrationRequests
            .Where(r => r.RegistrationNumber == PartnershipPortal.Web.Features.Applications.DemoApplicationsSeeder.DemoRegistrationNumber)
            .Select(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).SingleAsync())),

        // Issue 18: payments, reports, the follow-up and the statement.
        ["Payments"] = new(Rule.Staff, EditorOnly("Propose", "SaveSchedule", "Order", "Pay", "Reverse", "FollowUp"),
            SampleId: f => f.WithDbAsync(db => db.Conventions.Where(c => c.Reference == "CONV-2017-001")
                .Select(c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).SingleAsync())),
        ["Rapports"] = new(Rule.Staff, EditorOnly("Approve", "Return"), SampleId: DemoReportIdAsync),
        ["Echeances"] = new(Rule.Staff, new(StringComparer.Ordinal)
        {
            ["Export"] = StaffExportWithoutFormat,
        }),
        // The demo association's report: its owner opens it, the second association gets the 404 of a missing one.
        ["MonEspaceRapports"] = new(Rule.AssociationOnly, new(StringComparer.Ordinal)
        {
            ["GET Details"] = Rule.OwnAssociationRecord,
            // The report is looked up before the streamed upload is read: the owner's empty post is a bad request (400).
            ["POST Attach"] = Rule.OwnAssociationRecord,
        }, SampleId: DemoReportIdAsync),
    };

    public static Rule RuleFor(string controller, string action, string method)
    {
        var row = Table[controller];
        if (row.Overrides is { } overrides)
        {
            if (overrides.TryGetValue($"{method} {action}", out var byVerb))
            {
                return byVerb;
            }

            if (overrides.TryGetValue(action, out var byAction))
            {
                return byAction;
            }
        }

        return row.Default;
    }

    private static Task<string> DemoEditionIdAsync(PortalFactory factory) => factory.WithDbAsync(db => db.BilanEditions
        .Where(e => e.FirstYear == 2017 && e.LastYear == 2018 && e.Versions.Any(v => v.Number == 1))
        .OrderBy(e => e.Id)
        .Select(e => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .FirstAsync());

    private static Task<string> DemoFileIdAsync(PortalFactory factory) => factory.WithDbAsync(db => db.DossierDocuments
        .Where(d => d.Association!.RegistrationNumber == DemoDataSeeder.DemoAssociationRegistrationNumber && d.IsCurrent)
        .OrderBy(d => d.Id)
        .Select(d => d.StoredFileId.ToString())
        .FirstAsync());

    private static Task<string> DemoDossierDocumentIdAsync(PortalFactory factory) => factory.WithDbAsync(db => db.DossierDocuments
        .Where(d => d.Association!.RegistrationNumber == DemoDataSeeder.DemoAssociationRegistrationNumber && d.IsCurrent)
        .OrderBy(d => d.Id)
        .Select(d => d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .FirstAsync());

    public static Task<string> DemoOpenCallIdAsync(PortalFactory factory) => factory.WithDbAsync(db => db.Calls
        .Where(c => c.Reference == PartnershipPortal.Web.Features.Applications.DemoApplicationsSeeder.CallReference)
        .Select(c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .SingleAsync());

    public static Task<string> DemoAdmissibleApplicationIdAsync(PortalFactory factory) => factory.WithDbAsync(db => db.Applications
        .Where(a => a.CallForProjects!.Reference == PartnershipPortal.Web.Features.Applications.DemoApplicationsSeeder.CallReference
            && a.Status == PartnershipPortal.Data.Entities.ApplicationStatus.Admissible)
        .OrderBy(a => a.Id)
        .Select(a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .FirstAsync());

    /// <summary>The demo association's submitted application to the demo call.</summary>
    public static Task<string> DemoSubmittedApplicationIdAsync(PortalFactory factory) => factory.WithDbAsync(db => db.Applications
        .Where(a => a.Association!.RegistrationNumber == DemoDataSeeder.DemoAssociationRegistrationNumber && a.Status == PartnershipPortal.Data.Entities.ApplicationStatus.Submitted)
        .OrderBy(a => a.Id)
        .Select(a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .FirstAsync());

    /// <summary>The first report of the demo association (approved: its 2017 convention is paid and reported).</summary>
    private static Task<string> DemoReportIdAsync(PortalFactory factory) => factory.WithDbAsync(db => db.ConventionReports
        .Where(r => r.Convention!.Association!.RegistrationNumber == DemoDataSeeder.DemoAssociationRegistrationNumber)
        .OrderBy(r => r.Id)
        .Select(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .FirstAsync());

    private static Task<string> DemoConventionIdAsync(PortalFactory factory) => factory.WithDbAsync(db => db.Conventions
        .Where(c => c.Association!.RegistrationNumber == DemoDataSeeder.DemoAssociationRegistrationNumber)
        .OrderBy(c => c.Id)
        .Select(c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .FirstAsync());
}
