namespace PartnershipPortal.Data.Entities;

/// <summary>The twelve regions of the 2015 territorial division of Morocco.</summary>
public enum Region
{
    TangerTetouanAlHoceima = 1,
    Oriental = 2,
    FesMeknes = 3,
    RabatSaleKenitra = 4,
    BeniMellalKhenifra = 5,
    CasablancaSettat = 6,
    MarrakechSafi = 7,
    DraaTafilalet = 8,
    SoussMassa = 9,
    GuelmimOuedNoun = 10,
    LaayouneSakiaElHamra = 11,
    DakhlaOuedEdDahab = 12,
}

public enum AssociationStatus
{
    Active,
    Inactive,
    Archived,
}

public enum CallForProjectsStatus
{
    Draft,
    Open,
    Closed,
}

public enum ConventionStatus
{
    Draft,
    Signed,
    InProgress,
    Completed,
    Cancelled,

    /// <summary>Résiliée: ended before its term, after signature (date and reason on the convention).</summary>
    Terminated,
}

public enum ProjectStatus
{
    Planned,
    InProgress,
    Completed,
    Cancelled,
}

public enum ActivityKind
{
    ConsultationMeeting,
    TrainingWorkshop,
    CallForProjectsLaunch,
    MigrantsWeek,
    Other,
}

/// <summary>What one amendment changed in one project line.</summary>
public enum AmendmentChangeKind
{
    ProjectAdded,
    ProjectRemoved,
    AmountChanged,
    DatesChanged,
    DetailsChanged,
}

public enum ApplicationStatus
{
    Draft,
    Submitted,
    Incomplete,
    Admissible,
    Accepted,
    Rejected,
    WaitingList,
}

public enum BudgetFunder
{
    Ministry,
    Association,
    OtherPartner,
}

public enum ApplicationMessageKind
{
    /// <summary>Staff found the application incomplete and say what is missing.</summary>
    IncompleteNotice,

    /// <summary>The association completed and submitted it again.</summary>
    Resubmission,
}

public enum ReviewConflict
{
    /// <summary>The reviewer declared no conflict of interest: they may score.</summary>
    NoConflict,

    /// <summary>The reviewer withdrew from the application: no score, and it does not count.</summary>
    Withdrawn,
}

public enum RegistrationStatus
{
    Pending,
    Approved,
    Rejected,
}

public enum ReportKind
{
    Interim,
    Final,
}

public enum ReportStatus
{
    /// <summary>Not submitted yet (a draft may be saved).</summary>
    Due,
    Submitted,

    /// <summary>Staff returned it with a comment: the association completes and submits again.</summary>
    Returned,
    Approved,
}

public enum ReportMessageKind
{
    Submission,
    Resubmission,
    Returned,
    Approved,
}
