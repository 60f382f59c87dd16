using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Features.Conventions;

/// <summary>What a person can do to a convention's status; each one is a button on the convention page.</summary>
public enum ConventionTransition
{
    Sign,
    Start,
    Complete,
    Cancel,
    Terminate,
    Reopen,
}

/// <summary>
/// The one place that says which status changes are allowed. Nothing goes back, except an administrator's
/// <see cref="ConventionTransition.Reopen"/> of a closed convention; what a transition needs besides (a signing date,
/// a project, an active association) is checked by <see cref="ConventionService"/>.
/// </summary>
public static class ConventionLifecycle
{
    private static readonly Dictionary<(ConventionStatus From, ConventionTransition Transition), ConventionStatus> Moves = new()
    {
        [(ConventionStatus.Draft, ConventionTransition.Sign)] = ConventionStatus.Signed,
        [(ConventionStatus.Draft, ConventionTransition.Cancel)] = ConventionStatus.Cancelled,
        [(ConventionStatus.Signed, ConventionTransition.Start)] = ConventionStatus.InProgress,
        [(ConventionStatus.InProgress, ConventionTransition.Complete)] = ConventionStatus.Completed,
        [(ConventionStatus.Signed, ConventionTransition.Terminate)] = ConventionStatus.Terminated,
        [(ConventionStatus.InProgress, ConventionTransition.Terminate)] = ConventionStatus.Terminated,
        // Reopening undoes the last closing step: a convention closed or terminated by mistake runs again,
        // a draft cancelled by mistake is a draft again.
        [(ConventionStatus.Completed, ConventionTransition.Reopen)] = ConventionStatus.InProgress,
        [(ConventionStatus.Terminated, ConventionTransition.Reopen)] = ConventionStatus.InProgress,
        [(ConventionStatus.Cancelled, ConventionTransition.Reopen)] = ConventionStatus.Draft,
    };

    /// <summary>The status the transition leads to, or null when it is not allowed from <paramref name="from"/> for this person.</summary>
    public static ConventionStatus? Target(ConventionStatus from, ConventionTransition transition, bool isAdministrator) =>
        transition == ConventionTransition.Reopen && !isAdministrator
            ? null
            : Moves.TryGetValue((from, transition), out var to) ? to : null;

    /// <summary>The transitions to offer as buttons, in the order of the page.</summary>
    public static IReadOnlyList<ConventionTransition> Allowed(ConventionStatus from, bool isAdministrator) =>
        [.. Enum.GetValues<ConventionTransition>().Where(t => Target(from, t, isAdministrator) is not null)];

    /// <summary>Terminating and reopening must say why; cancelling a draft may.</summary>
    public static bool NeedsReason(ConventionTransition transition) =>
        transition is ConventionTransition.Terminate or ConventionTransition.Reopen;

    /// <summary>Signing records the signing date, terminating the date of termination.</summary>
    public static bool NeedsDate(ConventionTransition transition) =>
        transition is ConventionTransition.Sign or ConventionTransition.Terminate;

    /// <summary>Projects and amounts of a signed convention change only through an amendment, and only while it runs.</summary>
    public static bool CanAmend(ConventionStatus status) =>
        status is ConventionStatus.Signed or ConventionStatus.InProgress;

    /// <summary>Only a draft is edited directly; after signature only its notes and message change.</summary>
    public static bool CanEditTerms(ConventionStatus status) => status == ConventionStatus.Draft;
}

/// <summary>The French key of each transition's button (translated by the localizer).</summary>
public static class TransitionText
{
    public static string Of(ConventionTransition transition) => transition switch
    {
        ConventionTransition.Sign => "Signer",
        ConventionTransition.Start => "Démarrer",
        ConventionTransition.Complete => "Clôturer",
        ConventionTransition.Cancel => "Annuler la convention",
        ConventionTransition.Terminate => "Résilier",
        ConventionTransition.Reopen => "Rouvrir",
        _ => throw new ArgumentOutOfRangeException(nameof(transition)),
    };

    /// <summary>The question of the confirmation page.</summary>
    public static string Question(ConventionTransition transition) => transition switch
    {
        ConventionTransition.Sign => "Signer la convention {0} ?",
        ConventionTransition.Start => "Démarrer la convention {0} ?",
        ConventionTransition.Complete => "Clôturer la convention {0} ?",
        ConventionTransition.Cancel => "Annuler la convention {0} ?",
        ConventionTransition.Terminate => "Résilier la convention {0} ?",
        ConventionTransition.Reopen => "Rouvrir la convention {0} ?",
        _ => throw new ArgumentOutOfRangeException(nameof(transition)),
    };
}
