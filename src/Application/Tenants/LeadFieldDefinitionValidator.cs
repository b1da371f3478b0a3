using FluentValidation;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Application.Tenants;

public sealed class LeadFieldDefinitionValidator : AbstractValidator<LeadFieldDefinition>
{
    public LeadFieldDefinitionValidator()
    {
        RuleFor(x => x.Key)
            .Must(LeadFieldSchema.IsValidKey)
            .WithMessage($"מפתח השדה חייב להתחיל באות לטינית קטנה ולהכיל עד {LeadFieldSchema.MaxKeyLength} אותיות לטיניות קטנות, ספרות וקו תחתון.");
        RuleFor(x => x.Label)
            .NotEmpty().WithMessage("יש לתת לשדה שם.")
            .MaximumLength(LeadFieldSchema.MaxLabelLength).WithMessage($"שם השדה ארוך מדי (עד {LeadFieldSchema.MaxLabelLength} תווים).");
        RuleFor(x => x.Type).IsInEnum().WithMessage("סוג השדה אינו מוכר.");
        RuleFor(x => x.Options)
            .Cascade(CascadeMode.Stop)
            .Must(o => o is { Count: > 0 and <= LeadFieldSchema.MaxOptions })
            .WithMessage($"לשדה בחירה יש 1–{LeadFieldSchema.MaxOptions} אפשרויות.")
            .Must(o => o!.All(v => !string.IsNullOrWhiteSpace(v) && v.Trim().Length <= LeadFieldSchema.MaxOptionLength))
            .WithMessage($"כל אפשרות חייבת להכיל 1–{LeadFieldSchema.MaxOptionLength} תווים.")
            .Must(o => o!.Select(v => v.Trim()).Distinct(StringComparer.Ordinal).Count() == o!.Count)
            .WithMessage("האפשרויות חייבות להיות שונות זו מזו.")
            .When(x => x.Type == LeadFieldType.Select);
        RuleFor(x => x.Options)
            .Must(o => o is null || o.Count == 0).WithMessage("רק לשדה בחירה יש אפשרויות.")
            .When(x => x.Type != LeadFieldType.Select);
    }
}
