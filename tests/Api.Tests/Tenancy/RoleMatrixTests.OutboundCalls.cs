using System.Net;
using System.Net.Http.Json;
using ProSaaS.Api.Tests.Crm;
using ProSaaS.Application.Calls.RecordProviderCallStatus;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

/// <summary>
/// Outbound calls. The body names the leads, so the row has no target of its own: the row's business A calls one of its
/// leads (the sandbox places the call), and the call is completed after the row so that rows never use up its lines.
/// </summary>
public sealed partial class RoleMatrixTests
{
    [MatrixArea]
    private static readonly EndpointSpec[] OutboundCallsEndpoints =
    [
        new("POST /api/v1/outbound/calls", Role.Agent, HttpStatusCode.Accepted),
    ];

    [MatrixArea]
    private async Task<bool> OutboundCallsRowAsync(MatrixRow row)
    {
        switch (row.Endpoint)
        {
            case "POST /api/v1/outbound/calls":
            {
                await EnsureActiveAsync(A);
                var lead = await fx.NewLeadAsync(A);
                var (template, _) = await NewOutboundTemplateAsync(A);
                var events = await Count("select count(*) from mt_events where tenant_id = $1 and type like 'call%'", A.ToString());

                var body = await row.Call(row.Client.PostAsJsonAsync("/api/v1/outbound/calls", new { leadIds = new[] { lead.Id }, templateId = template }));

                (await Count("select count(*) from calls where lead_id = $1", lead.Id)).Should().Be(row.Allowed ? 1 : 0);
                if (!row.Allowed)
                {
                    (await Count("select count(*) from mt_events where tenant_id = $1 and type like 'call%'", A.ToString())).Should().Be(events);
                    return true;
                }

                var call = Json(body).GetProperty("calls")[0];
                call.GetProperty("leadId").GetGuid().Should().Be(lead.Id);
                call.GetProperty("status").GetString().Should().Be("queued");
                var callId = call.GetProperty("callId").GetGuid();
                var sid = await Scalar<string>("select provider_call_id from calls where id = $1", callId);
                await CallsSendAsync(new RecordProviderCallStatus(sid, "completed", 9, 1, CallId: callId));
                (await Count("select count(*) from call_slots where call_id = $1", callId)).Should().Be(0);
                return true;
            }

            default:
                return false;
        }
    }
}
