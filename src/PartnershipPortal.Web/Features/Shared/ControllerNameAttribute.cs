using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace PartnershipPortal.Web.Features.Shared;

/// <summary>
/// Gives a controller another route name than its class name, so that several controllers can share one address
/// prefix and one views folder (the account screens: sign-in, password and two-factor under /Account).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ControllerNameAttribute(string name) : Attribute, IControllerModelConvention
{
    public string Name { get; } = name;

    public void Apply(ControllerModel controller) => controller.ControllerName = Name;
}
