using System.Globalization;
using System.Text.Json.Nodes;
using MediatR;
using ProSaaS.Application.Appointments;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Leads;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Appointments;

namespace ProSaaS.Application.Calls.Tools.BookAppointmentTool;

/// <summary>
/// <c>book_appointment</c>: books the call's lead a meeting of the business's slot length at a local <see cref="Date"/> and
/// <see cref="Time"/>, through the same calendar rules and the same database check of free time as the appointment API, with
/// the phone call as its source. The call must have a lead (its caller's details saved first). The same lead already booked
/// at that time answers that appointment instead of a second one. A time the calendar refuses (outside the hours, too soon,
/// too far ahead, off the grid) or that another appointment holds is refused with the nearest free slots to offer instead.
/// </summary>
public sealed record BookAppointmentTool(Guid CallId, string ToolCallId, string? Date, string? Time, string? Notes) : ICallToolRequest
{
    public static BookAppointmentTool From(Guid callId, string toolCallId, ToolArguments arguments)
    {
        arguments.RejectUnknown(["date", "time", "notes"]);
        return new BookAppointmentTool(callId, toolCallId, arguments.Text("date"), arguments.Text("time"), arguments.Text("notes"));
    }
}

public sealed class BookAppointmentToolHandler(
    IEventStore events,
    ILeadQueries leads,
    ITenantQueries tenants,
    IAppointmentQueries appointments,
    IRequestContext context,
    TimeProvider clock) : IRequestHandler<BookAppointmentTool, CallToolOutcome>
{
    /// <summary>The code the appointments read model refuses a time another appointment holds with (409 in the API).</summary>
    public const string SlotTakenCode = "appointment.slot_taken";

    public const string Title = "פגישה שנקבעה בשיחה";

    /// <summary>How many free slots a refusal offers instead.</summary>
    public const int Alternatives = 3;

    public const string LeadRequiredSpoken = "כדי לקבוע את הפגישה צריך קודם את השם ומספר הטלפון שלך.";

    public async Task<CallToolOutcome> Handle(BookAppointmentTool request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var call = await ToolCalls.LoadAsync(events, request.CallId, cancellationToken);
        if (call.LeadId is not { } leadId || await leads.GetAsync(tenantId, leadId, cancellationToken) is null)
        {
            return LeadRequired(request);
        }

        var calendar = await tenants.LoadCalendarAsync(tenantId, cancellationToken);
        var now = clock.GetUtcNow();
        var today = calendar.LocalDate(now);
        AppointmentCalendars.TryParseDate(request.Date, out var date);
        ToolSlots.TryParseTime(request.Time, out var time);
        var start = ToolSlots.ToInstant(calendar, date, time);
        var requested = start ?? calendar.StartOfDay(date) + time.ToTimeSpan();
        if (await BookedAsync(request, tenantId, leadId, start, calendar, today, cancellationToken) is { } booked)
        {
            return booked;
        }

        var refusal = start is { } at
            ? calendar.Check(now, at, calendar.Settings.SlotMinutes)
            : new SlotRefusal(AppointmentCalendar.OutsideHours, "השעה הזו אינה קיימת ביום שבו השעון מוקדם.");
        if (refusal is not null)
        {
            return await RefusedAsync(request, CallToolErrors.SlotUnavailable, refusal.Code, refusal.Message, Spoken(refusal.Code),
                tenantId, calendar, now, requested, cancellationToken);
        }

        var appointment = Appointment.Book(Guid.CreateVersion7(now), leadId, start!.Value, calendar.Settings.SlotMinutes, Title,
            request.Notes, AppointmentSource.Call, context.UserId, calendar, now);
        var label = SlotLabels.Label(calendar.ToLocal(appointment.Start), today);
        var outcome = CallToolOutcome.Success(request, CallToolNames.BookAppointment,
            Booking(appointment.Id, calendar.ToLocal(appointment.Start), label, alreadyBooked: false),
            $"קבעתי לך פגישה ל{label}.", new CallToolEffects(LeadId: leadId, AppointmentId: appointment.Id));
        call.RecordToolApplied(request.ToolCallId, CallToolNames.BookAppointment, appointment.Id, null, null, outcome.ToStoredJson(), now);

        try
        {
            await events.SaveManyAsync([appointment, call], cancellationToken);
        }
        catch (ConflictException ex) when (ex.Code == SlotTakenCode)
        {
            // The same lead's booking of this time that won the race (a repeated request) is this booking.
            return await BookedAsync(request, tenantId, leadId, start, calendar, today, cancellationToken)
                   ?? await RefusedAsync(request, CallToolErrors.SlotTaken, ex.Code, ex.Message, "המועד הזה כבר תפוס.",
                       tenantId, calendar, now, requested, cancellationToken);
        }
        catch (NotFoundException ex) when (ex.Resource == "lead")
        {
            return LeadRequired(request);
        }

        return outcome with { Recorded = true };
    }

    /// <summary>The lead's booked appointment starting at <paramref name="start"/>, answered as the booking; null when it has none.</summary>
    private async Task<CallToolOutcome?> BookedAsync(
        BookAppointmentTool request, string tenantId, Guid leadId, DateTimeOffset? start, AppointmentCalendar calendar, DateOnly today, CancellationToken cancellationToken)
    {
        if (start is not { } at)
        {
            return null;
        }

        var found = await appointments.ListAsync(tenantId, new AppointmentFilter(at, at.AddSeconds(1), AppointmentStatus.Booked, leadId), null, 1,
            cancellationToken);
        if (found is not [var existing])
        {
            return null;
        }

        var local = calendar.ToLocal(existing.Start);
        var label = SlotLabels.Label(local, today);
        return CallToolOutcome.Success(request, CallToolNames.BookAppointment, Booking(existing.Id, local, label, alreadyBooked: true),
            $"הפגישה שלך כבר קבועה ל{label}.", new CallToolEffects(LeadId: leadId, AppointmentId: existing.Id));
    }

    private async Task<CallToolOutcome> RefusedAsync(
        BookAppointmentTool request, string error, string code, string message, string spoken, string tenantId, AppointmentCalendar calendar,
        DateTimeOffset now, DateTimeOffset requested, CancellationToken cancellationToken)
    {
        var today = calendar.LocalDate(now);
        var nearest = await ToolSlots.NearestAsync(appointments, calendar, tenantId, now, requested, Alternatives, cancellationToken);
        var offer = nearest.Count > 0
            ? $" אפשר {SlotLabels.JoinOr(nearest.Select(s => SlotLabels.Label(s.Start, today)).ToList())}. מה מתאים לך?"
            : " אין כרגע מועדים פנויים ביומן; אפשר שנציג מהעסק יחזור אליך לתאם.";
        return CallToolOutcome.Failure(request, CallToolNames.BookAppointment, error, spoken + offer, new JsonObject
        {
            ["reason"] = code,
            ["message"] = message,
            ["today"] = AppointmentCalendars.FormatDate(today),
            ["alternatives"] = ToolSlots.Json(nearest, today),
        });
    }

    private static JsonObject Booking(Guid appointmentId, DateTimeOffset localStart, string label, bool alreadyBooked) => new()
    {
        ["appointmentId"] = appointmentId.ToString(),
        ["date"] = localStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["time"] = localStart.ToString("HH:mm", CultureInfo.InvariantCulture),
        ["start"] = localStart.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["label"] = label,
        ["alreadyBooked"] = alreadyBooked,
    };

    private static string Spoken(string refusalCode) => refusalCode switch
    {
        AppointmentCalendar.InPast or AppointmentCalendar.MinNotice => "המועד הזה קרוב מדי או שכבר עבר.",
        AppointmentCalendar.BeyondWindow => "המועד הזה רחוק מדי ביומן.",
        AppointmentCalendar.ClosedDay => "העסק סגור ביום הזה.",
        AppointmentCalendar.NotAligned => "הפגישות מתחילות בשעות קבועות, והשעה הזו אינה אחת מהן.",
        _ => "המועד הזה מחוץ לשעות הפעילות.",
    };

    private static CallToolOutcome LeadRequired(BookAppointmentTool request) =>
        CallToolOutcome.Failure(request, CallToolNames.BookAppointment, CallToolErrors.LeadRequired, LeadRequiredSpoken, new JsonObject
        {
            ["message"] = "לשיחה אין עדיין ליד: לשמור קודם את השם ומספר הטלפון ב-save_lead_fields, ואז לקרוא שוב ל-book_appointment.",
        });
}
