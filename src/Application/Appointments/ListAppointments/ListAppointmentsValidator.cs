using FluentValidation;

namespace ProSaaS.Application.Appointments.ListAppointments;

public sealed class ListAppointmentsValidator : AbstractValidator<ListAppointments>
{
    public ListAppointmentsValidator()
    {
        RuleFor(x => x.From).Must(from => AppointmentCalendars.TryParseDate(from, out _)).When(x => x.From is not null)
            .WithMessage(AppointmentCalendars.DateFormatMessage);
        RuleFor(x => x.To).Must(to => AppointmentCalendars.TryParseDate(to, out _)).When(x => x.To is not null)
            .WithMessage(AppointmentCalendars.DateFormatMessage);
        RuleFor(x => x.To)
            .Must((request, to) => AppointmentCalendars.TryParseDate(request.From, out var from) && AppointmentCalendars.TryParseDate(to, out var until) && until >= from)
            .When(x => AppointmentCalendars.TryParseDate(x.From, out _) && AppointmentCalendars.TryParseDate(x.To, out _))
            .WithMessage("תאריך הסיום (to) חייב להיות באותו יום או אחרי תאריך ההתחלה (from).");
        RuleFor(x => x.Status).Must(status => ListAppointments.Statuses.ContainsKey(status!)).When(x => x.Status is not null)
            .WithMessage($"הסטטוס חייב להיות אחד מ: {string.Join(", ", ListAppointments.Statuses.Keys)}.");
        RuleFor(x => x.LeadId).NotEqual(Guid.Empty).When(x => x.LeadId is not null).WithMessage("מזהה הליד אינו תקין.");
        RuleFor(x => x.Limit).InclusiveBetween(1, ListAppointments.MaxLimit)
            .WithMessage($"limit חייב להיות בין 1 ל-{ListAppointments.MaxLimit}.");
        RuleFor(x => x.Next).Must(next => AppointmentCursor.TryDecode(next, out _))
            .When(x => x.Next is not null)
            .WithMessage("הסמן (next) אינו תקין; השתמשו בערך שהוחזר בעמוד הקודם.");
    }
}
