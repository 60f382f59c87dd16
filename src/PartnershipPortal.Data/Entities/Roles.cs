namespace PartnershipPortal.Data.Entities;

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Agent = "Agent";
    public const string Manager = "Manager";
    public const string Association = "Association";

    public static readonly IReadOnlyList<string> All = [Administrator, Agent, Manager, Association];
}
