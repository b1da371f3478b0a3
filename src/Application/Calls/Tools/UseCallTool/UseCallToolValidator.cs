using FluentValidation;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.Tools.UseCallTool;

/// <summary>What the media host must send with every tool call: the AI's id of the call and the tool's name (the arguments are the tool's to check).</summary>
public sealed class UseCallToolValidator : AbstractValidator<UseCallTool>
{
    public UseCallToolValidator()
    {
        RuleFor(x => x.ToolCallId)
            .Must(CallToolRules.IsValidToolCallId)
            .WithMessage($"חסר מזהה הקריאה לכלי (toolCallId), או שאינו תקין: 1–{CallToolRules.MaxToolCallIdLength} תווים גלויים בלי רווחים.");
        RuleFor(x => x.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name) && name.Length <= CallToolRules.MaxToolNameLength)
            .WithMessage($"חסר שם הכלי (name), או שהוא ארוך מ-{CallToolRules.MaxToolNameLength} תווים.");
    }
}
