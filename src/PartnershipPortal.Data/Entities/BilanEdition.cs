namespace PartnershipPortal.Data.Entities;

/// <summary>
/// The bilan of one year or of several consecutive years, as the ministry publishes it: an introduction in the three
/// languages, then each year's table, charts and activities. The edition is a draft that managers keep editing;
/// each publication freezes it into a numbered <see cref="BilanEditionVersion"/>.
/// </summary>
public class BilanEdition : AuditableEntity
{
    public int FirstYear { get; set; }

    public int LastYear { get; set; }

    public required string IntroductionFr { get; set; }

    public string? IntroductionAr { get; set; }

    public string? IntroductionEn { get; set; }

    public ICollection<BilanEditionVersion> Versions { get; set; } = [];
}

/// <summary>
/// A published edition, never changed once written: the introduction and the years' figures, tables and activities as
/// they stood when it was published (<see cref="SnapshotJson"/>), so that later edits of records change the live
/// bilan and never what was sent out. Publishing again adds the next number.
/// </summary>
public class BilanEditionVersion
{
    public int Id { get; set; }

    public int EditionId { get; set; }

    public BilanEdition? Edition { get; set; }

    /// <summary>1 for the first publication of the edition, then 2, 3...</summary>
    public int Number { get; set; }

    public int FirstYear { get; set; }

    public int LastYear { get; set; }

    public required string IntroductionFr { get; set; }

    public string? IntroductionAr { get; set; }

    public string? IntroductionEn { get; set; }

    /// <summary>The years' reports as JSON (schema in the web project's EditionSnapshot).</summary>
    public required string SnapshotJson { get; set; }

    public DateTime PublishedAtUtc { get; set; }

    /// <summary>The account that published it: shown to staff only, never on the public page.</summary>
    public string? PublishedBy { get; set; }
}
