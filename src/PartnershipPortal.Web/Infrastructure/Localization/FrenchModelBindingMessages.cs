using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace PartnershipPortal.Web.Infrastructure.Localization;

/// <summary>Model binding's own messages ("The value '' is invalid.") in French.</summary>
public static class FrenchModelBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider provider)
    {
        provider.SetAttemptedValueIsInvalidAccessor((value, field) => $"La valeur « {value} » n'est pas valide pour {field}.");
        provider.SetMissingBindRequiredValueAccessor(field => $"Le champ {field} est obligatoire.");
        provider.SetMissingKeyOrValueAccessor(() => "Une valeur est obligatoire.");
        provider.SetMissingRequestBodyRequiredValueAccessor(() => "Le contenu de la requête est obligatoire.");
        provider.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
        provider.SetNonPropertyUnknownValueIsInvalidAccessor(() => "La valeur saisie n'est pas valide.");
        provider.SetNonPropertyValueMustBeANumberAccessor(() => "La valeur doit être un nombre.");
        provider.SetUnknownValueIsInvalidAccessor(field => $"La valeur saisie pour {field} n'est pas valide.");
        provider.SetValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
        provider.SetValueMustBeANumberAccessor(field => $"Le champ {field} doit être un nombre.");
        provider.SetValueMustNotBeNullAccessor(value => $"Une valeur est obligatoire (« {value} » n'est pas acceptée).");
    }
}
