using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace PartnershipPortal.Web.Features.Shared;

/// <summary>What a save command tells its controller: done, not found, refused with field messages, or overtaken by another save.</summary>
public sealed class SaveOutcome
{
    private readonly List<(string Field, string Message)> _errors = [];

    public int Id { get; private init; }

    public bool NotFound { get; private init; }

    public ConcurrencyConflict? Conflict { get; private init; }

    public IReadOnlyList<(string Field, string Message)> Errors => _errors;

    public bool Succeeded => !NotFound && Conflict is null && _errors.Count == 0;

    public static SaveOutcome Saved(int id) => new() { Id = id };

    /// <summary>Done, with no record to go to: the account commands answer on the list, and accounts have text ids.</summary>
    public static SaveOutcome Done() => new();

    public static SaveOutcome Missing() => new() { NotFound = true };

    public static SaveOutcome Overtaken(ConcurrencyConflict conflict) => new() { Conflict = conflict };

    /// <summary>Refused as a whole, not for one field: the message is shown above the form.</summary>
    public static SaveOutcome Refused(string message) => Invalid("", message);

    public static SaveOutcome Invalid(string field, string message)
    {
        var outcome = new SaveOutcome();
        outcome._errors.Add((field, message));
        return outcome;
    }

    /// <summary>
    /// Puts the messages in the model state; on a conflict, also the stored version token, so that saving
    /// again — after reading what the other person stored — is a deliberate choice and not a silent overwrite.
    /// </summary>
    public void ApplyTo(ModelStateDictionary modelState, ViewDataDictionary viewData, Action<Guid> setVersion, string prefix = "Form")
    {
        foreach (var (field, message) in _errors)
        {
            modelState.AddModelError(field.Length == 0 ? "" : prefix + "." + field, message);
        }

        if (Conflict is not null)
        {
            modelState.Remove(prefix + ".Version");
            setVersion(Conflict.StoredVersion);
            viewData[ConcurrencyConflict.ViewDataKey] = Conflict;
        }
    }
}

/// <summary>Another user saved the record first: what is stored now, next to what this user typed.</summary>
public sealed record ConcurrencyConflict(string Message, Guid StoredVersion, IReadOnlyList<ConflictRow> Rows)
{
    public const string ViewDataKey = "Conflict";
}

public sealed record ConflictRow(string Label, string Stored, string Yours)
{
    public bool Differs => !string.Equals(Stored.Trim(), Yours.Trim(), StringComparison.Ordinal);
}

public static class SaveOutcomes
{
    /// <summary>
    /// The answer to a create or edit POST, the same on every screen: the form again when it is invalid, refused (with
    /// the messages) or overtaken (with the stored version, <see cref="SaveOutcome.ApplyTo"/>); 404 when the record
    /// went missing meanwhile; else the success message and <paramref name="next"/>, given the saved record's id.
    /// </summary>
    public static async Task<IActionResult> SaveOutcomeAsync(
        this Controller controller,
        Func<Task<SaveOutcome>> save,
        Action<Guid> setVersion,
        string successMessage,
        Func<int, IActionResult> next,
        Func<Task<IActionResult>> showFormAgain)
    {
        if (controller.ModelState.IsValid)
        {
            var outcome = await save();
            if (outcome.NotFound)
            {
                return controller.NotFound();
            }

            if (outcome.Succeeded)
            {
                controller.TempData["Success"] = successMessage;
                return next(outcome.Id);
            }

            outcome.ApplyTo(controller.ModelState, controller.ViewData, setVersion);
        }

        return await showFormAgain();
    }

    /// <inheritdoc cref="SaveOutcomeAsync(Controller, Func{Task{SaveOutcome}}, Action{Guid}, string, Func{int, IActionResult}, Func{Task{IActionResult}})"/>
    public static Task<IActionResult> SaveOutcomeAsync(
        this Controller controller,
        Func<Task<SaveOutcome>> save,
        Action<Guid> setVersion,
        string successMessage,
        Func<int, IActionResult> next,
        Func<IActionResult> showFormAgain) =>
        controller.SaveOutcomeAsync(save, setVersion, successMessage, next, () => Task.FromResult(showFormAgain()));
}
