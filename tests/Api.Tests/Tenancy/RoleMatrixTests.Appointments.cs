using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

public sealed partial class RoleMatrixTests
{
    [MatrixArea]
    private static readonly EndpointSpec[] AppointmentAreaEndpoints =
    [
        new("POST /api/v1/appointments", Role.Agent, HttpStatusCode.Created),
        new("GET /api/v1/appointments", Role.Agent, HttpStatusCode.OK),
        new("GET /api/v1/appointments/availability", Role.Agent, HttpStatusCode.OK),
        new("GET /api/v1/appointments/{id}", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("POST /api/v1/appointments/{id}/reschedule", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("POST /api/v1/appointments/{id}/cancel", Role.Agent, HttpStatusCode.OK, Targeted: true),
    ];

    private static readonly TimeZoneInfo AppointmentAreaZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");

    /// <summary>The businesses whose appointment settings the rows have opened up, once per fixture.</summary>
    private static readonly ConcurrentDictionary<Guid, Task> AppointmentAreaReady = new();

    private static int _appointmentAreaSlot;

    [MatrixArea]
    private async Task<bool> AppointmentAreaRowAsync(MatrixRow row)
    {
        switch (row.Endpoint)
        {
            case "POST /api/v1/appointments":
            {
                var (leadId, _) = await AppointmentAreaLeadAsync(A);
                var start = AppointmentAreaNextSlot();
                var body = await row.Call(row.Client.PostAsJsonAsync("/api/v1/appointments", new { leadId, start, title = "בדיקת הרשאות" }));
                (await Count("select count(*) from appointments where lead_id = $1 and tenant_id = $2", leadId, A.ToString())).Should().Be(row.Allowed ? 1 : 0);
                if (row.Allowed)
                {
                    Json(body).GetProperty("source").GetString().Should().Be(row.Caller.IsApiKey() ? "api" : "dashboard");
                }

                return true;
            }

            case "GET /api/v1/appointments":
            {
                var (own, ownLead) = await AppointmentAreaBookedAsync(A);
                var (other, otherLead) = await AppointmentAreaBookedAsync(B);
                row.Foreign.AddRange([other.ToString(), otherLead.ToString()]);
                var body = await row.Call(row.Client.GetAsync($"/api/v1/appointments?leadId={ownLead}"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Should().Equal(own);
                    var all = await row.Call(row.Client.GetAsync("/api/v1/appointments?limit=100"));
                    Json(all).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Should().NotContain(other);
                    var foreignLead = await row.Call(row.Client.GetAsync($"/api/v1/appointments?leadId={otherLead}"));
                    Json(foreignLead).GetProperty("items").GetArrayLength().Should().Be(0, "a filter must not reach another business's appointments");
                }

                return true;
            }

            case "GET /api/v1/appointments/availability":
            {
                await AppointmentAreaEnsureReadyAsync(A);
                var date = AppointmentAreaDate(AppointmentAreaNextSlot());
                var body = await row.Call(row.Client.GetAsync($"/api/v1/appointments/availability?from={date}&to={date}"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("timeZone").GetString().Should().Be("Asia/Jerusalem");
                    Json(body).GetProperty("slots").GetArrayLength().Should().BeGreaterThan(0);
                }

                return true;
            }

            case "GET /api/v1/appointments/{id}":
            {
                var (id, leadId) = await AppointmentAreaBookedAsync(row.Tenant);
                if (row.Target == Target.Other)
                {
                    row.Foreign.AddRange([id.ToString(), leadId.ToString()]);
                }

                var body = await row.Call(row.Client.GetAsync($"/api/v1/appointments/{id}"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("id").GetGuid().Should().Be(id);
                    Json(body).GetProperty("leadId").GetGuid().Should().Be(leadId);
                }

                return true;
            }

            case "POST /api/v1/appointments/{id}/reschedule":
            {
                var (id, leadId) = await AppointmentAreaBookedAsync(row.Tenant);
                if (row.Target == Target.Other)
                {
                    row.Foreign.AddRange([id.ToString(), leadId.ToString()]);
                }

                var before = await Scalar<DateTime>("select starts_at from appointments where id = $1", id);
                var start = AppointmentAreaNextSlot();
                await row.Call(row.Client.PostAsJsonAsync($"/api/v1/appointments/{id}/reschedule", new { start, reason = "בדיקת הרשאות" }));
                (await Scalar<DateTime>("select starts_at from appointments where id = $1", id)).Should().Be(
                    row.Allowed ? DateTimeOffset.Parse(start, CultureInfo.InvariantCulture).UtcDateTime : before);
                return true;
            }

            case "POST /api/v1/appointments/{id}/cancel":
            {
                var (id, leadId) = await AppointmentAreaBookedAsync(row.Tenant);
                if (row.Target == Target.Other)
                {
                    row.Foreign.AddRange([id.ToString(), leadId.ToString()]);
                }

                await row.Call(row.Client.PostAsJsonAsync($"/api/v1/appointments/{id}/cancel", new { reason = "בדיקת הרשאות" }));
                (await Scalar<string>("select status from appointments where id = $1", id)).Should().Be(row.Allowed ? "cancelled" : "booked");
                return true;
            }

            default:
                return false;
        }
    }

    /// <summary>A lead of <paramref name="tenant"/> in a business that takes appointments at any hour.</summary>
    private async Task<(Guid Id, string Name)> AppointmentAreaLeadAsync(Guid tenant)
    {
        await AppointmentAreaEnsureReadyAsync(tenant);
        return await NewLeadAsync(tenant);
    }

    /// <summary>An appointment of <paramref name="tenant"/>, booked by its owner on a slot no other row uses.</summary>
    private async Task<(Guid Id, Guid LeadId)> AppointmentAreaBookedAsync(Guid tenant)
    {
        var (leadId, _) = await AppointmentAreaLeadAsync(tenant);
        var owner = await fx.CachedSessionAsync(tenant, Role.Owner);
        var booked = await TenancyFixture.ReadAsync(
            await owner.PostAsJsonAsync("/api/v1/appointments", new { leadId, start = AppointmentAreaNextSlot() }), "book an appointment");
        return (booked.GetProperty("id").GetGuid(), leadId);
    }

    /// <summary>
    /// Opens the business's appointment hours around the clock with no notice and a year's window, so that the rows do not
    /// depend on the day or the hour they run at.
    /// </summary>
    private Task AppointmentAreaEnsureReadyAsync(Guid tenant) => AppointmentAreaReady.GetOrAdd(tenant, async id =>
    {
        var owner = await fx.CachedSessionAsync(id, Role.Owner);
        var current = JsonNode.Parse(await (await owner.GetAsync("/api/v1/business/settings")).Content.ReadAsStringAsync())!.AsObject();
        var settings = current["settings"]!.AsObject();
        var appointments = settings["appointments"]!.AsObject();
        var allDay = new JsonArray(new JsonObject { ["open"] = "00:00", ["close"] = "24:00" });
        appointments["workingHours"] = new JsonObject
        {
            ["sunday"] = allDay.DeepClone(), ["monday"] = allDay.DeepClone(), ["tuesday"] = allDay.DeepClone(), ["wednesday"] = allDay.DeepClone(),
            ["thursday"] = allDay.DeepClone(), ["friday"] = allDay.DeepClone(), ["saturday"] = allDay.DeepClone(),
        };
        appointments["slotMinutes"] = 30;
        appointments["bufferMinutes"] = 0;
        appointments["minNoticeMinutes"] = 0;
        appointments["bookingWindowDays"] = 365;
        await TenancyFixture.ReadAsync(await owner.PutAsJsonAsync("/api/v1/business/settings", new { settings }), "open the appointment hours");
    });

    /// <summary>A half-hour slot from two days ahead (Israel's midnight) on that no other row books, as an ISO instant.</summary>
    private static string AppointmentAreaNextSlot()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, AppointmentAreaZone).DateTime);
        var midnight = today.AddDays(2).ToDateTime(TimeOnly.MinValue);
        var start = new DateTimeOffset(midnight, AppointmentAreaZone.GetUtcOffset(midnight))
            .AddMinutes(30 * Interlocked.Increment(ref _appointmentAreaSlot));
        return start.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static string AppointmentAreaDate(string instant) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture), AppointmentAreaZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
