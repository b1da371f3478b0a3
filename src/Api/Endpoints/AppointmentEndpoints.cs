using MediatR;
using ProSaaS.Api.Auth;
using ProSaaS.Application.Appointments;
using ProSaaS.Application.Appointments.BookAppointment;
using ProSaaS.Application.Appointments.CancelAppointment;
using ProSaaS.Application.Appointments.GetAppointment;
using ProSaaS.Application.Appointments.GetAvailability;
using ProSaaS.Application.Appointments.ListAppointments;
using ProSaaS.Application.Appointments.RescheduleAppointment;
using ProSaaS.Domain.Appointments;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Endpoints;

public static class AppointmentEndpoints
{
    private const string CalendarRules =
        "The time must be inside the business's appointment hours (settings → `appointments.workingHours`, or the business hours), " +
        "on a slot start (the opening of a range plus whole slot lengths), ending inside the same range, at least the minimum " +
        "notice from now and within the booking window. Otherwise 422 with `code`: `appointment.in_past`, `appointment.min_notice`, " +
        "`appointment.beyond_window`, `appointment.closed_day` (a date override closes the day), `appointment.outside_hours` or " +
        "`appointment.not_aligned`. A time another appointment (with the buffer) already holds answers 409 `appointment.slot_taken`: " +
        "of any number of simultaneous bookings of one time exactly one succeeds.";

    public static IEndpointRouteBuilder MapAppointmentEndpoints(this IEndpointRouteBuilder app)
    {
        var appointments = app.MapGroup("/api/v1/appointments").WithTags("Appointments");

        appointments.MapGet("/availability", (string? from, string? to, Guid? excludeAppointmentId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetAvailability(from, to, excludeAppointmentId), ct))
            .ForTenantRole(Role.Agent, "Free appointment slots",
                "Free slots on the local dates `from` to `to` (yyyy-MM-dd, inclusive, at most 31 days; 400 otherwise) in the business's " +
                "time zone: inside its appointment hours, after the minimum notice, within the booking window, and clear of every booked " +
                "appointment and its buffer. Each slot has its start and end in UTC, the start with the business's offset, and its local " +
                "date and time.\n\nWhen moving an appointment, pass its id as `excludeAppointmentId`: that appointment is left out of the " +
                "busy times, so the slots overlapping its own time (a move by half an hour, say) are offered too. It must be an " +
                "appointment of the caller's business (404 otherwise).")
            .Produces<Availability>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        appointments.MapPost("/", async (BookAppointmentRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                // Bookings made in the dashboard come from it; those sent by an integration come from the API.
                var source = AuthClaims.IsSession(http.User) ? AppointmentSource.Dashboard : AppointmentSource.Api;
                var id = await mediator.Send(new BookAppointment(body.LeadId, body.Start, body.DurationMinutes, body.Title, body.Notes, source), ct);
                var appointment = await mediator.Send(new GetAppointment(id), ct);
                return Results.Created($"/api/v1/appointments/{id}", appointment);
            })
            .ForTenantRole(Role.Agent, "Book an appointment",
                "Books a meeting with a lead of the caller's business (404 for an unknown lead) at `start` (ISO-8601 with an offset, " +
                "e.g. a slot's `start` from the availability) for `durationMinutes` (default: the business's slot length). " +
                CalendarRules + "\n\nThe source is `dashboard` from the dashboard and `api` with an API key.\n\n" +
                "Send an `Idempotency-Key` header to make retries safe: the same key with the same body answers the first answer again " +
                "(header `Idempotent-Replayed: true`); with another body 422 `idempotency.key_reused`; while the first is still running " +
                "409 `idempotency.in_progress`.")
            .WithIdempotency<BookAppointmentRequest>()
            .Produces<AppointmentView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        appointments.MapGet("/", (string? from, string? to, string? status, Guid? leadId, int? limit, string? next, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListAppointments(from, to, status, leadId, limit ?? ListAppointments.DefaultLimit, next), ct))
            .ForTenantRole(Role.Agent, "List appointments",
                "By start time, earliest first. `from` and `to` (yyyy-MM-dd, inclusive) keep those starting on these local dates of the " +
                "business; `status` is `booked` or `cancelled`; `leadId` keeps one lead's; `limit` is 1–100 (default 25); pass the " +
                "`next` of a page to get the following one (null on the last page).")
            .Produces<AppointmentPage>()
            .ProducesValidationProblem();

        appointments.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetAppointment(id), ct))
            .ForTenantRole(Role.Agent, "Get an appointment")
            .Produces<AppointmentView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        appointments.MapPost("/{id:guid}/reschedule", async (Guid id, RescheduleAppointmentRequest body, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RescheduleAppointment(id, body.Start, body.Reason, body.ExpectedVersion), ct);
                return await mediator.Send(new GetAppointment(id), ct);
            })
            .ForTenantRole(Role.Agent, "Reschedule an appointment",
                "Moves the appointment to `start`, keeping its length. " + CalendarRules +
                " A cancelled appointment cannot move (422 `appointment.cancelled`). With `expectedVersion` the move applies only if the " +
                "appointment is still at that version (409 otherwise).")
            .Produces<AppointmentView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();

        appointments.MapPost("/{id:guid}/cancel", async (Guid id, CancelAppointmentRequest body, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new CancelAppointment(id, body.Reason), ct);
                return await mediator.Send(new GetAppointment(id), ct);
            })
            .ForTenantRole(Role.Agent, "Cancel an appointment",
                "Cancels the appointment for a reason (required); its time is free again at once. Cancelling a cancelled appointment " +
                "changes nothing.")
            .Produces<AppointmentView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        return app;
    }
}

/// <param name="LeadId">The lead the meeting is with.</param>
/// <param name="Start">ISO-8601 with an offset: `2026-03-15T09:30:00+02:00` or `2026-03-15T07:30:00Z`.</param>
/// <param name="DurationMinutes">5–480 minutes; default the business's slot length.</param>
/// <param name="Title">Optional, up to 200 characters.</param>
/// <param name="Notes">Optional, up to 2000 characters.</param>
public sealed record BookAppointmentRequest(Guid LeadId, string Start, int? DurationMinutes, string? Title, string? Notes);

/// <param name="Start">The new start, ISO-8601 with an offset.</param>
/// <param name="Reason">Why, for the lead's timeline.</param>
/// <param name="ExpectedVersion">The appointment's version as the caller last read it.</param>
public sealed record RescheduleAppointmentRequest(string Start, string? Reason, long? ExpectedVersion);

/// <param name="Reason">Why the appointment is cancelled (required).</param>
public sealed record CancelAppointmentRequest(string Reason);
