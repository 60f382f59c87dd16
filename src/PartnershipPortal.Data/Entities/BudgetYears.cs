namespace PartnershipPortal.Data.Entities;

/// <summary>The budget years the portal accepts, in forms, addresses and the generator alike.</summary>
public static class BudgetYears
{
    public const int First = 2000;
    public const int Last = 2100;

    public static bool Contains(int year) => year is >= First and <= Last;
}
