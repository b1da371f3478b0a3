using FluentValidation;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.RecordTranscriptTurn;

public sealed class RecordTranscriptTurnValidator : CallCommandValidator<RecordTranscriptTurn>
{
    public RecordTranscriptTurnValidator()
    {
        RuleFor(x => x.Speaker)
            .Must(s => CallMediaRules.TryParseSpeaker(s, out _))
            .WithMessage($"speaker חייב להיות אחד מ: {string.Join(", ", CallMediaRules.SpeakerNames)}.");
        RuleFor(x => x.Text)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("חסר הטקסט של התור.")
            .MaximumLength(CallMediaRules.MaxTurnTextLength).WithMessage($"הטקסט של התור ארוך מדי (עד {CallMediaRules.MaxTurnTextLength} תווים).");
        RuleFor(x => x.OffsetMs).GreaterThanOrEqualTo(0).WithMessage("offsetMs אינו יכול להיות שלילי.");
    }
}
