namespace PartnershipPortal.Web;

/// <summary>Marker of the shared resource files (Resources/SharedResource.*.resx) that hold every user-facing text.</summary>
public sealed class SharedResource;
