using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace PartnershipPortal.Web.Infrastructure.Localization;

/// <summary>Model binding's own messages ("The value '' is invalid."), written in French and translated when the message is built,
/// so in the request's language (the localizer reads the current UI culture on each call).</summary>
public static class FrenchModelBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider provider, IStringLocalizer l)
    {
        provider.SetAttemptedValueIsInvalidAccessor((value, field) => l["La valeur « {0} » n'est pas valide pour {1}.", value, field]);
        provider.SetMissingBindRequiredValueAccessor(field => l["Le champ {0} est obligatoire.", field]);
        provider.SetMissingKeyOrValueAccessor(() => l["Une valeur est obligatoire."]);
        provider.SetMissingRequestBodyRequiredValueAccessor(() => l["Le contenu de la requête est obligatoire."]);
        provider.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["La valeur « {0} » n'est pas valide.", value]);
        provider.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["La valeur saisie n'est pas valide."]);
        provider.SetNonPropertyValueMustBeANumberAccessor(() => l["La valeur doit être un nombre."]);
        provider.SetUnknownValueIsInvalidAccessor(field => l["La valeur saisie pour {0} n'est pas valide.", field]);
        provider.SetValueIsInvalidAccessor(value => l["La valeur « {0} » n'est pas valide.", value]);
        provider.SetValueMustBeANumberAccessor(field => l["Le champ {0} doit être un nombre.", field]);
        provider.SetValueMustNotBeNullAccessor(value => l["Une valeur est obligatoire (« {0} » n'est pas acceptée).", value]);
    }
}
