using FluentValidation;
using ProSaaS.Domain.Appointments;

namespace ProSaaS.Application.Appointments.BookAppointment;

public sealed class BookAppointmentValidator : AbstractValidator<BookAppointment>
{
    public BookAppointmentValidator()
    {
        RuleFor(x => x.LeadId).NotEmpty().WithMessage("יש לבחור ליד לפגישה.");
        RuleFor(x => x.Start)
            .Must(start => AppointmentCalendars.TryParseInstant(start, out _))
            .WithMessage(AppointmentCalendars.InstantFormatMessage);
        RuleFor(x => x.DurationMinutes)
            .InclusiveBetween(Appointment.MinDurationMinutes, Appointment.MaxDurationMinutes)
            .When(x => x.DurationMinutes is not null)
            .WithMessage($"משך הפגישה חייב להיות בין {Appointment.MinDurationMinutes} ל-{Appointment.MaxDurationMinutes} דקות.");
        RuleFor(x => x.Title).MaximumLength(Appointment.MaxTitleLength)
            .WithMessage($"הכותרת ארוכה מדי (עד {Appointment.MaxTitleLength} תווים).");
        RuleFor(x => x.Notes).MaximumLength(Appointment.MaxNotesLength)
            .WithMessage($"ההערות ארוכות מדי (עד {Appointment.MaxNotesLength} תווים).");
        RuleFor(x => x.Source).IsInEnum().WithMessage("מקור הפגישה אינו מוכר.");
    }
}
