using FluentValidation;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.Tools.SaveLeadFieldsTool;

/// <summary>The bounds of one save (the business's field schema is checked by the tool).</summary>
public sealed class SaveLeadFieldsToolValidator : AbstractValidator<SaveLeadFieldsTool>
{
    public SaveLeadFieldsToolValidator()
    {
        RuleFor(x => x.Values)
            .Must(v => v.Count <= CallMediaRules.MaxCollectedFields)
            .WithMessage($"אפשר לשמור עד {CallMediaRules.MaxCollectedFields} פרטים בבת אחת.")
            .Must(v => v.Values.All(value => value is null || value.Length <= CallMediaRules.MaxFieldValueLength))
            .WithMessage($"ערך ארוך מדי (עד {CallMediaRules.MaxFieldValueLength} תווים).")
            .OverridePropertyName("$");
    }
}
