namespace PartnershipPortal.Data.Entities;

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Agent = "Agent";
    public const string Manager = "Manager";
    public const string Association = "Association";

    /// <summary>Évaluateur: scores the applications of the calls an administrator assigned them to, and nothing else.</summary>
    public const string Reviewer = "Reviewer";

    public static readonly IReadOnlyList<string> All = [Administrator, Agent, Manager, Association, Reviewer];
}
