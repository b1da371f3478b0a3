using System.Text.Json.Nodes;
using MediatR;
using ProSaaS.Application.Appointments;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Appointments;

namespace ProSaaS.Application.Calls.Tools.CheckAvailabilityTool;

/// <summary>
/// <c>check_availability</c>: the business's free appointment slots, as the availability API finds them (inside its
/// appointment hours, after the minimum notice, within the booking window, clear of booked appointments), on one local day
/// (<see cref="Date"/>) or a range (to <see cref="UntilDate"/>, at most <see cref="CallToolCatalog.MaxRangeDays"/> days; the
/// coming week when no day is given), optionally between two times of day. Answers up to <see cref="MaxResults"/> of the
/// earliest, each with a Hebrew label to read out, and today's date (the model cannot know it); when the range has none,
/// the first free slots after it. Changes nothing.
/// </summary>
public sealed record CheckAvailabilityTool(
    Guid CallId,
    string ToolCallId,
    string? Date,
    string? UntilDate,
    string? AfterTime,
    string? BeforeTime,
    int? MaxResults) : ICallToolRequest
{
    public static CheckAvailabilityTool From(Guid callId, string toolCallId, ToolArguments arguments)
    {
        arguments.RejectUnknown(["date", "until_date", "after_time", "before_time", "max_results"]);
        return new CheckAvailabilityTool(callId, toolCallId, arguments.Text("date"), arguments.Text("until_date"),
            arguments.Text("after_time"), arguments.Text("before_time"), arguments.Integer("max_results"));
    }
}

public sealed class CheckAvailabilityToolHandler(
    IAppointmentQueries appointments, ITenantQueries tenants, IRequestContext context, TimeProvider clock)
    : IRequestHandler<CheckAvailabilityTool, CallToolOutcome>
{
    /// <summary>How many free slots after an empty range are offered instead.</summary>
    public const int NextSlots = 3;

    public async Task<CallToolOutcome> Handle(CheckAvailabilityTool request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var calendar = await tenants.LoadCalendarAsync(tenantId, cancellationToken);
        var now = clock.GetUtcNow();
        var today = calendar.LocalDate(now);
        var last = calendar.LastBookableDate(now);
        var from = AppointmentCalendars.TryParseDate(request.Date, out var date) ? date : today;
        var until = AppointmentCalendars.TryParseDate(request.UntilDate, out var untilDate)
            ? untilDate
            : request.Date is null ? today.AddDays(CallToolCatalog.DefaultRangeDays - 1) : from;
        var todayJson = new JsonObject
        {
            ["today"] = AppointmentCalendars.FormatDate(today),
            ["todayWeekday"] = SlotLabels.Weekday(today.DayOfWeek),
            ["timeZone"] = calendar.Zone.Id,
        };

        if (until < today)
        {
            todayJson["fields"] = new JsonObject { ["date"] = $"התאריך כבר עבר; היום {AppointmentCalendars.FormatDate(today)}." };
            return CallToolOutcome.Failure(request, CallToolNames.CheckAvailability, CallToolErrors.InvalidArguments,
                "התאריך הזה כבר עבר. איזה יום מתאים לך?", todayJson);
        }

        if (from > last)
        {
            todayJson["lastBookableDate"] = AppointmentCalendars.FormatDate(last);
            return CallToolOutcome.Failure(request, CallToolNames.CheckAvailability, CallToolErrors.SlotUnavailable,
                $"אפשר לקבוע פגישות עד {calendar.Settings.BookingWindowDays} ימים מראש. אפשר לבדוק תאריך מוקדם יותר?", todayJson);
        }

        if (from < today)
        {
            from = today;
        }

        if (until.DayNumber - from.DayNumber + 1 > CallToolCatalog.MaxRangeDays)
        {
            until = from.AddDays(CallToolCatalog.MaxRangeDays - 1);
        }

        TimeOnly? after = ToolSlots.TryParseTime(request.AfterTime, out var a) ? a : null;
        TimeOnly? before = ToolSlots.TryParseTime(request.BeforeTime, out var b) ? b : null;
        var free = (await ToolSlots.FreeAsync(appointments, calendar, tenantId, now, from, until, cancellationToken))
            .Where(s => InWindow(s, after, before))
            .ToList();
        var limit = request.MaxResults ?? CallToolCatalog.DefaultSlots;
        var shown = free.Take(limit).ToList();

        var output = todayJson;
        output["from"] = AppointmentCalendars.FormatDate(from);
        output["to"] = AppointmentCalendars.FormatDate(until > last ? last : until);
        output["slots"] = ToolSlots.Json(shown, today);
        output["more"] = free.Count > shown.Count;
        if (shown.Count > 0)
        {
            return CallToolOutcome.Success(request, CallToolNames.CheckAvailability, output,
                $"יש מועדים פנויים: {SlotLabels.JoinOr(shown.Select(s => SlotLabels.Label(s.Start, today)).ToList())}. מה מתאים לך?");
        }

        var next = until >= last
            ? []
            : (await ToolSlots.FreeAsync(appointments, calendar, tenantId, now, until.AddDays(1), last, cancellationToken)).Take(NextSlots).ToList();
        output["nextAvailable"] = ToolSlots.Json(next, today);
        var spoken = next.Count > 0
            ? $"אין מועד פנוי {Range(from, until, today)}. המועדים הפנויים הקרובים: {SlotLabels.JoinOr(next.Select(s => SlotLabels.Label(s.Start, today)).ToList())}. מה מתאים לך?"
            : $"אין מועד פנוי {Range(from, until, today)}. אפשר שנציג מהעסק יחזור אליך לתאם?";
        return CallToolOutcome.Success(request, CallToolNames.CheckAvailability, output, spoken);
    }

    private static bool InWindow(TimeRange slot, TimeOnly? after, TimeOnly? before)
    {
        var time = TimeOnly.FromDateTime(slot.Start.DateTime);
        return (after is null || time >= after) && (before is null || time < before);
    }

    private static string Range(DateOnly from, DateOnly until, DateOnly today) =>
        from == until ? SlotLabels.OnDay(from, today) : $"מ{SlotLabels.Day(from, today)} עד {SlotLabels.Day(until, today)}";
}
