using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Conventions;

namespace PartnershipPortal.Tests.Units;

/// <summary>Every status against every transition, for an agent and for an administrator: the table of the issue, written out.</summary>
public sealed class ConventionLifecycleTests
{
    private static readonly Dictionary<(ConventionStatus, ConventionTransition), ConventionStatus> Allowed = new()
    {
        [(ConventionStatus.Draft, ConventionTransition.Sign)] = ConventionStatus.Signed,
        [(ConventionStatus.Draft, ConventionTransition.Cancel)] = ConventionStatus.Cancelled,
        [(ConventionStatus.Signed, ConventionTransition.Start)] = ConventionStatus.InProgress,
        [(ConventionStatus.Signed, ConventionTransition.Terminate)] = ConventionStatus.Terminated,
        [(ConventionStatus.InProgress, ConventionTransition.Complete)] = ConventionStatus.Completed,
        [(ConventionStatus.InProgress, ConventionTransition.Terminate)] = ConventionStatus.Terminated,
    };

    private static readonly Dictionary<(ConventionStatus, ConventionTransition), ConventionStatus> AdministratorOnly = new()
    {
        [(ConventionStatus.Completed, ConventionTransition.Reopen)] = ConventionStatus.InProgress,
        [(ConventionStatus.Terminated, ConventionTransition.Reopen)] = ConventionStatus.InProgress,
        [(ConventionStatus.Cancelled, ConventionTransition.Reopen)] = ConventionStatus.Draft,
    };

    public static TheoryData<ConventionStatus, ConventionTransition> Pairs()
    {
        var data = new TheoryData<ConventionStatus, ConventionTransition>();
        foreach (var status in Enum.GetValues<ConventionStatus>())
        {
            foreach (var transition in Enum.GetValues<ConventionTransition>())
            {
                data.Add(status, transition);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void An_agent_may_make_exactly_the_forward_moves(ConventionStatus from, ConventionTransition transition)
    {
        var expected = Allowed.TryGetValue((from, transition), out var to) ? to : (ConventionStatus?)null;
        Assert.Equal(expected, ConventionLifecycle.Target(from, transition, isAdministrator: false));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void An_administrator_may_also_reopen_a_closed_convention(ConventionStatus from, ConventionTransition transition)
    {
        var expected = Allowed.TryGetValue((from, transition), out var to) ? to
            : AdministratorOnly.TryGetValue((from, transition), out var reopened) ? reopened : (ConventionStatus?)null;
        Assert.Equal(expected, ConventionLifecycle.Target(from, transition, isAdministrator: true));
    }

    [Fact]
    public void Nothing_goes_back_without_reopening()
    {
        Assert.Null(ConventionLifecycle.Target(ConventionStatus.Completed, ConventionTransition.Start, true));
        Assert.Null(ConventionLifecycle.Target(ConventionStatus.Signed, ConventionTransition.Cancel, true));
        Assert.Null(ConventionLifecycle.Target(ConventionStatus.Terminated, ConventionTransition.Complete, true));
        Assert.Null(ConventionLifecycle.Target(ConventionStatus.Signed, ConventionTransition.Reopen, true));
    }

    [Fact]
    public void Every_transition_has_a_button_label_of_its_own()
    {
        var transitions = Enum.GetValues<ConventionTransition>();
        var labels = transitions.Select(TransitionText.Of).ToList();

        Assert.All(labels, label => Assert.False(string.IsNullOrWhiteSpace(label)));
        Assert.Equal(transitions.Length, labels.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_buttons_are_the_allowed_transitions_in_order()
    {
        Assert.Equal([ConventionTransition.Sign, ConventionTransition.Cancel], ConventionLifecycle.Allowed(ConventionStatus.Draft, false));
        Assert.Equal([ConventionTransition.Start, ConventionTransition.Terminate], ConventionLifecycle.Allowed(ConventionStatus.Signed, false));
        Assert.Equal([ConventionTransition.Complete, ConventionTransition.Terminate], ConventionLifecycle.Allowed(ConventionStatus.InProgress, true));
        Assert.Empty(ConventionLifecycle.Allowed(ConventionStatus.Completed, false));
        Assert.Equal([ConventionTransition.Reopen], ConventionLifecycle.Allowed(ConventionStatus.Completed, true));
    }

    [Theory]
    [InlineData(ConventionStatus.Draft, true, false)]
    [InlineData(ConventionStatus.Signed, false, true)]
    [InlineData(ConventionStatus.InProgress, false, true)]
    [InlineData(ConventionStatus.Completed, false, false)]
    [InlineData(ConventionStatus.Terminated, false, false)]
    [InlineData(ConventionStatus.Cancelled, false, false)]
    public void Only_a_draft_is_edited_and_only_a_running_convention_is_amended(ConventionStatus status, bool edit, bool amend)
    {
        Assert.Equal(edit, ConventionLifecycle.CanEditTerms(status));
        Assert.Equal(amend, ConventionLifecycle.CanAmend(status));
    }

    [Fact]
    public void Terminating_and_reopening_need_a_reason_signing_and_terminating_a_date()
    {
        Assert.Equal([ConventionTransition.Terminate, ConventionTransition.Reopen],
            Enum.GetValues<ConventionTransition>().Where(ConventionLifecycle.NeedsReason));
        Assert.Equal([ConventionTransition.Sign, ConventionTransition.Terminate],
            Enum.GetValues<ConventionTransition>().Where(ConventionLifecycle.NeedsDate));
    }
}
