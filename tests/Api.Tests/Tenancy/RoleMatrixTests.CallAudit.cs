using System.Net;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

/// <summary>
/// A call's audit trail and its state as of an event, the live feed of the business's calls, and the overview: every
/// caller of the business reads them, and none of them ever shows another business's call.
/// </summary>
public sealed partial class RoleMatrixTests
{
    [MatrixArea]
    private static readonly EndpointSpec[] CallAuditEndpoints =
    [
        new("GET /api/v1/calls/{id}/events", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("GET /api/v1/calls/{id}/state", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("GET /api/v1/calls/live", Role.Agent, HttpStatusCode.OK),
        new("GET /api/v1/overview", Role.Agent, HttpStatusCode.OK),
    ];

    [MatrixArea]
    private async Task<bool> CallAuditRowAsync(MatrixRow row)
    {
        switch (row.Endpoint)
        {
            case "GET /api/v1/calls/{id}/events":
            {
                var call = await CallsNewCallAsync(row.Tenant, live: false);
                if (row.Tenant == B)
                {
                    row.Foreign.AddRange([call.Id.ToString(), call.From, call.Sid]);
                }

                var body = await row.Call(row.Client.GetAsync($"/api/v1/calls/{call.Id}/events"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString())
                        .Should().Contain("call_rejected");
                }

                return true;
            }

            case "GET /api/v1/calls/{id}/state":
            {
                var call = await CallsNewCallAsync(row.Tenant, live: false);
                if (row.Tenant == B)
                {
                    row.Foreign.AddRange([call.Id.ToString(), call.From, call.Sid]);
                }

                var body = await row.Call(row.Client.GetAsync($"/api/v1/calls/{call.Id}/state?version=1"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("version").GetInt64().Should().Be(1);
                }

                return true;
            }

            case "GET /api/v1/calls/live":
            {
                if (!row.Allowed)
                {
                    await row.Call(row.Client.GetAsync("/api/v1/calls/live"));
                    return true;
                }

                // A stream never ends by itself: the row reads its headers and first event, then leaves.
                using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                using var response = await row.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/calls/live"),
                    HttpCompletionOption.ResponseHeadersRead, cancel.Token);
                response.StatusCode.Should().Be(HttpStatusCode.OK);
                response.Content.Headers.ContentType?.MediaType.Should().Be("text/event-stream");
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
                var opening = new List<string?>();
                for (var i = 0; i < 3; i++)
                {
                    opening.Add(await reader.ReadLineAsync(cancel.Token));
                }

                opening.Should().Contain("event: ready");
                return true;
            }

            case "GET /api/v1/overview":
            {
                var foreign = await CallsNewCallAsync(B, live: false);
                row.Foreign.AddRange([foreign.Id.ToString(), foreign.From, foreign.Sid]);
                var body = await row.Call(row.Client.GetAsync("/api/v1/overview"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("timeZone").GetString().Should().NotBeNullOrEmpty();
                }

                return true;
            }

            default:
                return false;
        }
    }
}
