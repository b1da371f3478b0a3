using FluentValidation;
using ProSaaS.Application.Common.Paging;

namespace ProSaaS.Application.Calls.ListCalls;

public sealed class ListCallsValidator : AbstractValidator<ListCalls>
{
    public ListCallsValidator()
    {
        RuleFor(x => x.Direction).Must(d => CallText.Directions.ContainsKey(d!)).When(x => x.Direction is not null)
            .WithMessage(CallText.DirectionMessage);
        RuleFor(x => x.Status).Must(s => CallText.Statuses.ContainsKey(s!)).When(x => x.Status is not null)
            .WithMessage(CallText.StatusMessage);
        RuleFor(x => x.From).Must(from => CallText.TryParseDate(from, out _)).When(x => x.From is not null)
            .WithMessage(CallText.DateMessage);
        RuleFor(x => x.To).Must(to => CallText.TryParseDate(to, out _)).When(x => x.To is not null)
            .WithMessage(CallText.DateMessage);
        RuleFor(x => x.To)
            .Must((request, to) => CallText.TryParseDate(request.From, out var from) && CallText.TryParseDate(to, out var until) && until >= from)
            .When(x => CallText.TryParseDate(x.From, out _) && CallText.TryParseDate(x.To, out _))
            .WithMessage("תאריך הסיום (to) חייב להיות באותו יום או אחרי תאריך ההתחלה (from).");
        RuleFor(x => x.StartedFrom).Must(at => CallText.TryParseInstant(at, out _)).When(x => x.StartedFrom is not null)
            .WithMessage(CallText.InstantMessage);
        RuleFor(x => x.StartedBefore).Must(at => CallText.TryParseInstant(at, out _)).When(x => x.StartedBefore is not null)
            .WithMessage(CallText.InstantMessage);
        RuleFor(x => x.StartedBefore)
            .Must((request, before) => CallText.TryParseInstant(request.StartedFrom, out var from) && CallText.TryParseInstant(before, out var until)
                                       && until > from)
            .When(x => CallText.TryParseInstant(x.StartedFrom, out _) && CallText.TryParseInstant(x.StartedBefore, out _))
            .WithMessage("startedBefore חייב להיות אחרי startedFrom.");
        RuleFor(x => x.LeadId).NotEqual(Guid.Empty).When(x => x.LeadId is not null).WithMessage("מזהה הליד אינו תקין.");
        RuleFor(x => x.Limit).InclusiveBetween(1, PageLimits.Max).WithMessage($"limit חייב להיות בין 1 ל-{PageLimits.Max}.");
        RuleFor(x => x.Next).Must(next => NewestCursor.TryDecode(next, out _)).When(x => x.Next is not null)
            .WithMessage("הסמן (next) אינו תקין; השתמשו בערך שהוחזר בעמוד הקודם.");
    }
}
