using FluentValidation;

namespace ProSaaS.Application.Appointments.GetAvailability;

public sealed class GetAvailabilityValidator : AbstractValidator<GetAvailability>
{
    public GetAvailabilityValidator()
    {
        RuleFor(x => x.From).Must(from => AppointmentCalendars.TryParseDate(from, out _))
            .WithMessage("יש לציין תאריך התחלה (from) בפורמט yyyy-MM-dd.");
        RuleFor(x => x.To).Must(to => AppointmentCalendars.TryParseDate(to, out _))
            .WithMessage("יש לציין תאריך סיום (to) בפורמט yyyy-MM-dd.");
        RuleFor(x => x.To)
            .Must((request, to) => Days(request.From, to) is >= 1 and <= GetAvailability.MaxDays)
            .When(x => AppointmentCalendars.TryParseDate(x.From, out _) && AppointmentCalendars.TryParseDate(x.To, out _))
            .WithMessage($"הטווח חייב להתחיל ב-from, להסתיים ב-to באותו יום או אחריו, ולכלול עד {GetAvailability.MaxDays} ימים.");
    }

    private static int Days(string? from, string? to)
    {
        AppointmentCalendars.TryParseDate(from, out var first);
        AppointmentCalendars.TryParseDate(to, out var last);
        return last.DayNumber - first.DayNumber + 1;
    }
}
