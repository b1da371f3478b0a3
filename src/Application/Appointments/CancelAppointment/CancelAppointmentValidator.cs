using FluentValidation;
using ProSaaS.Domain.Appointments;

namespace ProSaaS.Application.Appointments.CancelAppointment;

public sealed class CancelAppointmentValidator : AbstractValidator<CancelAppointment>
{
    public CancelAppointmentValidator()
    {
        RuleFor(x => x.AppointmentId).NotEmpty().WithMessage("חסר מזהה פגישה.");
        RuleFor(x => x.Reason)
            .Must(reason => !string.IsNullOrWhiteSpace(reason)).WithMessage("יש לציין את סיבת הביטול.")
            .MaximumLength(Appointment.MaxReasonLength).WithMessage($"הסיבה ארוכה מדי (עד {Appointment.MaxReasonLength} תווים).");
    }
}
