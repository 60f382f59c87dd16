using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Associations;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Web.Features.Activities;

public sealed class ActivityService(PortalDbContext db, ListCache lists, IStringLocalizer<SharedResource> l) : IRecordService<ActivityDetails, ActivityForm>
{
    private static readonly SortMap<ProgrammeActivity> Sorts = new SortMap<ProgrammeActivity>("start", true, a => a.Id)
        .Add<string>("title", a => a.Title)
        .Add<ActivityKind>("kind", a => a.Kind)
        .Add<int>("year", a => a.Year)
        .Add<DateOnly?>("start", a => a.StartDate)
        .Add<string?>("place", a => a.Place)
        .Add<int?>("participants", a => a.ParticipantsCount)
        .Add<int>("associations", a => a.Associations.Count);

    public Task<ListPage<ActivityRow>> ListAsync(ActivityListQuery query, CancellationToken cancellationToken) =>
        Filter(query).ToListPageAsync(query, Sorts, Row, cancellationToken, lists);

    public IReadOnlyList<ExportColumn> ExportColumns(IStringLocalizer l) =>
    [
        new(l["Intitulé"]), new(l["Type"]), new(l["Année"], ExportKind.Number), new(l["Date"]), new(l["Lieu"]),
        new(l["Participants"], ExportKind.Number), new(l["Associations"], ExportKind.Number),
    ];

    /// <summary>Every activity of the list, filtered and sorted as on screen, read as it is written.</summary>
    public async IAsyncEnumerable<object?[]> ExportRowsAsync(ActivityListQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var kinds = Enum.GetValues<ActivityKind>().ToDictionary(k => k, k => (string)l[RecordText.Of(k)]);
        var rows = Sorts.Apply(Filter(query), query.Sort, query.Desc).Query.Select(Row).AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            yield return [r.Title, kinds[r.Kind], r.Year, r.StartDate, r.Place, r.ParticipantsCount, r.Associations];
        }
    }

    /// <summary>What the list shows of an activity; the export writes the same.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<ProgrammeActivity, ActivityRow>> Row = a => new ActivityRow(
        a.Id, a.Title, a.Kind, a.Year, a.StartDate, a.Place, a.ParticipantsCount, a.Associations.Count);

    private IQueryable<ProgrammeActivity> Filter(ActivityListQuery query)
    {
        var activities = db.Activities.AsNoTracking();
        if (query.SearchPattern() is { } pattern)
        {
            activities = activities.Where(a => EF.Functions.Like(a.Title, pattern, "\\")
                || EF.Functions.Like(a.Place!, pattern, "\\")
                || EF.Functions.Like(a.Partners!, pattern, "\\"));
        }

        if (query.Year is { } year)
        {
            activities = activities.Where(a => a.Year == year);
        }

        if (query.Kind is { } kind)
        {
            activities = activities.Where(a => a.Kind == kind);
        }

        if (query.AssociationId is { } associationId)
        {
            activities = activities.Where(a => a.Associations.Any(s => s.Id == associationId));
        }

        return activities;
    }

    public async Task<ActivityDetails?> DetailsAsync(int id, CancellationToken cancellationToken)
    {
        var details = await db.Activities.AsNoTracking().Where(a => a.Id == id).Select(a => new ActivityDetails
        {
            Id = a.Id, Title = a.Title, Kind = a.Kind, Year = a.Year, StartDate = a.StartDate, EndDate = a.EndDate, Place = a.Place,
            ParticipantsCount = a.ParticipantsCount, ParticipantsDescription = a.ParticipantsDescription, Partners = a.Partners,
            Description = a.Description, UpdatedAtUtc = a.UpdatedAtUtc, UpdatedBy = a.UpdatedBy,
        }).SingleOrDefaultAsync(cancellationToken);
        if (details is not null)
        {
            details.Associations = await db.Activities.AsNoTracking().Where(a => a.Id == id).SelectMany(a => a.Associations)
                .OrderBy(s => s.Name).Select(s => new ActivityAssociation(s.Id, s.Name, s.City)).ToListAsync(cancellationToken);
        }

        return details;
    }

    public async Task<ActivityForm?> FormAsync(int id, CancellationToken cancellationToken) =>
        await db.Activities.AsNoTracking().Where(a => a.Id == id).Select(a => new ActivityForm
        {
            Version = a.Version, Kind = a.Kind, Title = a.Title, Year = a.Year, StartDate = a.StartDate, EndDate = a.EndDate,
            Place = a.Place, ParticipantsCount = a.ParticipantsCount, ParticipantsDescription = a.ParticipantsDescription,
            Partners = a.Partners, Description = a.Description, AssociationIds = a.Associations.Select(s => s.Id).ToList(),
        }).SingleOrDefaultAsync(cancellationToken);

    public async Task<SaveOutcome> CreateAsync(ActivityForm form, CancellationToken cancellationToken)
    {
        var activity = new ProgrammeActivity { Title = "" };
        db.Activities.Add(activity);
        return await ApplyAndSaveAsync(activity, form, cancellationToken);
    }

    public async Task<SaveOutcome> UpdateAsync(int id, ActivityForm form, CancellationToken cancellationToken)
    {
        var activity = await db.Activities.Include(a => a.Associations).ForUpdateAsync(db, id, form.Version, cancellationToken);
        return activity is null ? SaveOutcome.Missing() : await ApplyAndSaveAsync(activity, form, cancellationToken);
    }

    public async Task<DeleteConfirmation?> DeleteConfirmationAsync(int id, string cancelUrl, CancellationToken cancellationToken)
    {
        var facts = await db.Activities.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Title, a.Year, Associations = a.Associations.Count })
            .SingleOrDefaultAsync(cancellationToken);
        return facts is null
            ? null
            : new DeleteConfirmation(
                l["Supprimer l'activité"],
                $"{facts.Title} ({facts.Year})",
                facts.Associations > 0 ? [l["Le lien avec ses {0} association(s) participante(s) sera supprimé ; les associations restent.", facts.Associations]] : [],
                [],
                "Delete",
                cancelUrl);
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var activity = await db.Activities.Include(a => a.Associations).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (activity is null)
        {
            return false;
        }

        db.Activities.Remove(activity);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<SaveOutcome> ApplyAndSaveAsync(ProgrammeActivity activity, ActivityForm form, CancellationToken cancellationToken)
    {
        var ids = form.AssociationIds.Distinct().ToList();
        var associations = await db.Associations.Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken);
        if (associations.Count != ids.Count)
        {
            return SaveOutcome.Invalid(nameof(ActivityForm.AssociationIds), l["Une des associations choisies n'existe pas."]);
        }

        activity.Kind = form.Kind;
        activity.Title = form.Title!.Trim();
        activity.Year = form.Year!.Value;
        activity.StartDate = form.StartDate;
        activity.EndDate = form.EndDate;
        activity.Place = AssociationService.Clean(form.Place);
        activity.ParticipantsCount = form.ParticipantsCount;
        activity.ParticipantsDescription = AssociationService.Clean(form.ParticipantsDescription);
        // One partner per line, whatever line endings the browser sent.
        activity.Partners = AssociationService.Clean(string.Join('\n',
            (form.Partners ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        activity.Description = AssociationService.Clean(form.Description);
        activity.Associations.Clear();
        foreach (var association in associations)
        {
            activity.Associations.Add(association);
        }

        return await db.SaveOrConflictAsync(activity, stored => new ConcurrencyConflict(
            l["{0} a enregistré cette activité le {1}, après que vous l'avez ouverte.", stored.UpdatedBy ?? "?", PortalFormat.Date(stored.UpdatedAtUtc)],
            stored.Version,
            [
                new(l["Intitulé"], stored.Title, form.Title ?? ""),
                new(l["Année"], stored.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), form.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                new(l["Lieu"], stored.Place ?? "", form.Place ?? ""),
                new(l["Partenaires"], stored.Partners ?? "", form.Partners ?? ""),
            ]), cancellationToken);
    }
}
