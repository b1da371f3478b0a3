using FluentValidation;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.RecordMediaCallEnd;

public sealed class RecordMediaCallEndValidator : CallCommandValidator<RecordMediaCallEnd>
{
    public RecordMediaCallEndValidator()
    {
        RuleFor(x => x.Reason)
            .Must(r => CallMediaRules.TryParseMediaEndReason(r, out _))
            .WithMessage($"reason חייב להיות אחד מ: {string.Join(", ", CallMediaRules.MediaEndReasonNames)}.");
        RuleFor(x => x.Metrics)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("חסרים נתוני השיחה (metrics).")
            .Must(CallMediaRules.IsValidMetrics).WithMessage("נתוני השיחה אינם תקינים: ספירות וזמנים אינם יכולים להיות שליליים, ולכל מקטע יש שני כיוונים.");
    }
}
