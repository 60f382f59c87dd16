using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Web.Features.Shared;

/// <summary>The checks every typed amount and period goes through, with French messages.</summary>
public static class AmountRules
{
    public static IEnumerable<(string Member, string Message)> Check(string? text, string member, IStringLocalizer l, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                yield return (member, l["Le montant est obligatoire."]);
            }

            yield break;
        }

        if (!AmountInput.TryParseCentimes(text, out var centimes))
        {
            yield return (member, l["« {0} » n'est pas un montant lisible : écrivez par exemple 12 500 ou 12 500,50.", text]);
        }
        else if (centimes <= 0)
        {
            yield return (member, l["Le montant doit être supérieur à zéro."]);
        }
        else if (centimes >= AmountInput.UpperBoundCentimes)
        {
            yield return (member, l["Le montant doit être inférieur à {0}.", PortalFormat.Dirhams(AmountInput.UpperBoundCentimes)]);
        }
    }

    public static IEnumerable<(string Member, string Message)> CheckPeriod(DateOnly? start, DateOnly? end, string endMember, IStringLocalizer l)
    {
        if (start is { } from && end is { } to && to < from)
        {
            yield return (endMember, l["La date de fin doit être postérieure ou égale à la date de début."]);
        }
    }

    public static IEnumerable<ValidationResult> Validate(string? text, string member, ValidationContext context, bool required = true) =>
        Check(text, member, Localizer(context), required).Select(e => new ValidationResult(e.Message, [e.Member]));

    public static IEnumerable<ValidationResult> Period(DateOnly? start, DateOnly? end, string endMember, ValidationContext context) =>
        CheckPeriod(start, end, endMember, Localizer(context)).Select(e => new ValidationResult(e.Message, [e.Member]));

    private static IStringLocalizer<SharedResource> Localizer(ValidationContext context) =>
        context.GetRequiredService<IStringLocalizer<SharedResource>>();
}
