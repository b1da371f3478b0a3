using FluentValidation;
using ProSaaS.Domain.Appointments;

namespace ProSaaS.Application.Appointments.RescheduleAppointment;

public sealed class RescheduleAppointmentValidator : AbstractValidator<RescheduleAppointment>
{
    public RescheduleAppointmentValidator()
    {
        RuleFor(x => x.AppointmentId).NotEmpty().WithMessage("חסר מזהה פגישה.");
        RuleFor(x => x.Start)
            .Must(start => AppointmentCalendars.TryParseInstant(start, out _))
            .WithMessage(AppointmentCalendars.InstantFormatMessage);
        RuleFor(x => x.Reason).MaximumLength(Appointment.MaxReasonLength)
            .WithMessage($"הסיבה ארוכה מדי (עד {Appointment.MaxReasonLength} תווים).");
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).When(x => x.ExpectedVersion is not null)
            .WithMessage("גרסה צפויה חייבת להיות חיובית.");
    }
}
