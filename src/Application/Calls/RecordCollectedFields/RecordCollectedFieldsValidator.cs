using FluentValidation;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.RecordCollectedFields;

public sealed class RecordCollectedFieldsValidator : CallCommandValidator<RecordCollectedFields>
{
    public RecordCollectedFieldsValidator()
    {
        RuleFor(x => x.Fields!)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("חסרים הפרטים שנאספו (fields).")
            .Must(f => f.Count is > 0 and <= CallMediaRules.MaxCollectedFields)
            .WithMessage($"יש לדווח על 1–{CallMediaRules.MaxCollectedFields} פרטים.")
            .Custom((fields, validation) =>
            {
                var badKeys = fields.Keys.Where(k => !CallMediaRules.IsValidFieldKey(k)).ToList();
                if (badKeys.Count > 0)
                {
                    validation.AddFailure($"מפתחות לא תקינים: {string.Join(", ", badKeys)}. מפתח הוא אותיות לטיניות קטנות, ספרות ו-_ (עד 40 תווים), מתחיל באות.");
                }

                var badValues = fields.Where(f => CallMediaRules.IsValidFieldKey(f.Key) && !CallMediaRules.IsValidFieldValue(f.Value)).Select(f => f.Key).ToList();
                if (badValues.Count > 0)
                {
                    validation.AddFailure($"ערכים ריקים או ארוכים מדי (עד {CallMediaRules.MaxFieldValueLength} תווים) בפרטים: {string.Join(", ", badValues)}.");
                }
            });
    }
}
