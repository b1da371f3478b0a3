using FluentValidation;
using ProSaaS.Application.Appointments;

namespace ProSaaS.Application.Calls.Tools.BookAppointmentTool;

public sealed class BookAppointmentToolValidator : AbstractValidator<BookAppointmentTool>
{
    public BookAppointmentToolValidator()
    {
        RuleFor(x => x.Date)
            .Must(d => AppointmentCalendars.TryParseDate(d, out _))
            .WithMessage("התאריך (date) חייב להיות תאריך קיים בפורמט yyyy-MM-dd, כפי שהופיע ב-check_availability.");
        RuleFor(x => x.Time)
            .Must(t => ToolSlots.TryParseTime(t, out _))
            .WithMessage("השעה (time) חייבת להיות בפורמט HH:mm, כפי שהופיעה ב-check_availability.");
        RuleFor(x => x.Notes)
            .MaximumLength(CallToolCatalog.MaxBookingNotesLength)
            .WithMessage($"ההערות ארוכות מדי (עד {CallToolCatalog.MaxBookingNotesLength} תווים).");
    }
}
