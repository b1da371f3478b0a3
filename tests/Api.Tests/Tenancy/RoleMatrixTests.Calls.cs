using System.Net;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Tests.Crm;
using ProSaaS.Application.Calls;
using ProSaaS.Application.Calls.AnswerInboundCall;
using ProSaaS.Application.Calls.RecordProviderCallStatus;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

/// <summary>
/// Calls. A live call comes in as Twilio would bring it (straight to the use case, the webhook's signature aside), to a
/// number of the row's business, and is completed after its row, so rows never use up the slots. Rows that only need a
/// call to be there get a refused one: ending calls records <c>call_completed</c>, which the webhook rows' endpoints are
/// subscribed to, and a flood of deliveries to them would hold up the deliveries those rows wait for.
/// </summary>
public sealed partial class RoleMatrixTests
{
    [MatrixArea]
    private static readonly EndpointSpec[] CallsEndpoints =
    [
        new("GET /api/v1/calls", Role.Agent, HttpStatusCode.OK),
        new("GET /api/v1/calls/active/count", Role.Agent, HttpStatusCode.OK),
        new("GET /api/v1/calls/{id}", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("POST /api/v1/calls/{id}/hang-up", Role.Admin, HttpStatusCode.OK, Targeted: true),
    ];

    [MatrixArea]
    private async Task<bool> CallsRowAsync(MatrixRow row)
    {
        var other = row.Tenant == B;
        switch (row.Endpoint)
        {
            case "GET /api/v1/calls":
            {
                var own = await CallsNewCallAsync(A, live: false);
                var foreign = await CallsNewCallAsync(B, live: false);
                row.Foreign.AddRange([foreign.Id.ToString(), foreign.From, foreign.Sid]);
                var body = await row.Call(row.Client.GetAsync("/api/v1/calls?limit=100"));
                if (row.Allowed)
                {
                    Json(body).Ids().Should().Contain(own.Id).And.NotContain(foreign.Id);
                }

                return true;
            }

            case "GET /api/v1/calls/active/count":
            {
                var body = await row.Call(row.Client.GetAsync("/api/v1/calls/active/count"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("maxConcurrentCalls").GetInt32().Should().Be(
                        await Scalar<int>("select max_concurrent_calls from tenants where id = $1", A));
                }

                return true;
            }

            case "GET /api/v1/calls/{id}":
            {
                var call = await CallsNewCallAsync(row.Tenant, live: false);
                if (other)
                {
                    row.Foreign.AddRange([call.Id.ToString(), call.From, call.Sid]);
                }

                var body = await row.Call(row.Client.GetAsync($"/api/v1/calls/{call.Id}"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("call").GetProperty("from").GetString().Should().Be(call.From);
                }

                return true;
            }

            case "POST /api/v1/calls/{id}/hang-up":
            {
                // Another business's call is never reached: any call of B shows that, a refused one included.
                var call = await CallsNewCallAsync(row.Tenant, live: !other);
                if (other)
                {
                    row.Foreign.AddRange([call.Id.ToString(), call.From, call.Sid]);
                }

                var events = await Count("select count(*) from mt_events where stream_id = $1", call.Id);
                try
                {
                    await row.Call(row.Client.PostAsync($"/api/v1/calls/{call.Id}/hang-up", null));
                    (await Scalar<string>("select coalesce(end_reason, status) from calls where id = $1", call.Id))
                        .Should().Be(row.Allowed ? "hung_up_by_business" : other ? "rejected" : "ringing");
                    (await Count("select count(*) from mt_events where stream_id = $1", call.Id)).Should().Be(row.Allowed ? events + 1 : events);
                }
                finally
                {
                    if (!other)
                    {
                        await CallsSendAsync(new RecordProviderCallStatus(call.Sid, "completed", 9, 1));
                    }
                }

                return true;
            }

            default:
                return false;
        }
    }

    /// <summary>An inbound call to <paramref name="tenant"/>: connected and ringing when <paramref name="live"/>, otherwise refused (the line was full).</summary>
    private async Task<(Guid Id, string Sid, string From)> CallsNewCallAsync(Guid tenant, bool live)
    {
        await EnsureActiveAsync(tenant);
        var number = await Scalar<string>("select phone from tenant_phone_numbers where tenant_id = $1 order by assigned_at, phone limit 1", tenant.ToString());
        var sid = "CA" + Guid.NewGuid().ToString("N");
        var from = Callers.UniqueMobile();
        if (live)
        {
            var answer = await CallsSendAsync(new AnswerInboundCall(sid, from, number, "ringing"));
            answer.Outcome.Should().Be(InboundCallOutcome.Connect);
            return (answer.CallId!.Value, sid, from);
        }

        await using var scope = fx.Api.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().TenantId = tenant.ToString();
        var refused = Call.Reject(CallIds.ForProviderCall(tenant.ToString(), sid), CallDirection.Inbound, sid, from, number, null,
            CallRejectionReason.LimitReached, DateTimeOffset.UtcNow);
        await scope.ServiceProvider.GetRequiredService<IEventStore>().SaveAsync(refused);
        return (refused.Id, sid, from);
    }

    private async Task<T> CallsSendAsync<T>(IRequest<T> request)
    {
        await using var scope = fx.Api.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().CorrelationId = "matrix-calls-" + Guid.NewGuid().ToString("N");
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}
