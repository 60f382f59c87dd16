using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Web.Features.Shared;

/// <summary>The checks every typed amount goes through, with French messages, for IValidatableObject forms.</summary>
public static class AmountRules
{
    public static IEnumerable<ValidationResult> Validate(string? text, string member, ValidationContext context, bool required = true)
    {
        var l = context.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                yield return new ValidationResult(l["Le montant est obligatoire."], [member]);
            }

            yield break;
        }

        if (!AmountInput.TryParseCentimes(text, out var centimes))
        {
            yield return new ValidationResult(l["« {0} » n'est pas un montant lisible : écrivez par exemple 12 500 ou 12 500,50.", text], [member]);
        }
        else if (centimes <= 0)
        {
            yield return new ValidationResult(l["Le montant doit être supérieur à zéro."], [member]);
        }
        else if (centimes >= AmountInput.UpperBoundCentimes)
        {
            yield return new ValidationResult(
                l["Le montant doit être inférieur à {0}.", PortalFormat.Dirhams(AmountInput.UpperBoundCentimes)], [member]);
        }
    }

    public static IEnumerable<ValidationResult> Period(DateOnly? start, DateOnly? end, string endMember, ValidationContext context)
    {
        if (start is { } from && end is { } to && to < from)
        {
            var l = context.GetRequiredService<IStringLocalizer<SharedResource>>();
            yield return new ValidationResult(l["La date de fin doit être postérieure ou égale à la date de début."], [endMember]);
        }
    }
}
