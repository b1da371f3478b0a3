using FluentValidation;
using ProSaaS.Application.Appointments;

namespace ProSaaS.Application.Calls.Tools.CheckAvailabilityTool;

public sealed class CheckAvailabilityToolValidator : AbstractValidator<CheckAvailabilityTool>
{
    public CheckAvailabilityToolValidator()
    {
        RuleFor(x => x.Date)
            .Must(d => AppointmentCalendars.TryParseDate(d, out _)).When(x => x.Date is not null)
            .WithMessage("התאריך (date) חייב להיות בפורמט yyyy-MM-dd.");
        RuleFor(x => x.UntilDate)
            .Must(d => AppointmentCalendars.TryParseDate(d, out _)).When(x => x.UntilDate is not null)
            .WithMessage("התאריך האחרון (until_date) חייב להיות בפורמט yyyy-MM-dd.")
            .OverridePropertyName("until_date");
        RuleFor(x => x.UntilDate)
            .Must((request, until) => Days(request.Date, until) is >= 1 and <= CallToolCatalog.MaxRangeDays)
            .When(x => x.UntilDate is not null && AppointmentCalendars.TryParseDate(x.UntilDate, out _)
                                                && (x.Date is null || AppointmentCalendars.TryParseDate(x.Date, out _)))
            .WithMessage($"until_date חייב להיות ביום של date או אחריו, ועד {CallToolCatalog.MaxRangeDays} ימים בטווח.")
            .OverridePropertyName("until_date");
        RuleFor(x => x.AfterTime)
            .Must(t => ToolSlots.TryParseTime(t, out _)).When(x => x.AfterTime is not null)
            .WithMessage("after_time חייב להיות שעה בפורמט HH:mm.")
            .OverridePropertyName("after_time");
        RuleFor(x => x.BeforeTime)
            .Must(t => ToolSlots.TryParseTime(t, out _)).When(x => x.BeforeTime is not null)
            .WithMessage("before_time חייב להיות שעה בפורמט HH:mm.")
            .OverridePropertyName("before_time");
        RuleFor(x => x.MaxResults)
            .InclusiveBetween(1, CallToolCatalog.MaxSlots).When(x => x.MaxResults is not null)
            .WithMessage($"max_results חייב להיות בין 1 ל-{CallToolCatalog.MaxSlots}.")
            .OverridePropertyName("max_results");
    }

    /// <summary>The days from date (today when absent: the range is then checked against today by the tool) to until, both included.</summary>
    private static int Days(string? from, string? until)
    {
        AppointmentCalendars.TryParseDate(until, out var last);
        if (from is null)
        {
            return 1;
        }

        AppointmentCalendars.TryParseDate(from, out var first);
        return last.DayNumber - first.DayNumber + 1;
    }
}
