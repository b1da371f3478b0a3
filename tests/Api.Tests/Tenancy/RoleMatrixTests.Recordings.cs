using System.Net;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Calls;
using ProSaaS.Application.Calls.StoreCallRecording;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Files;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

/// <summary>
/// Call recordings. Each row's call is connected and recorded straight through the use cases (as the media host's upload
/// would), then its slot is given back without ending the call, so rows neither use up the slots nor record
/// <c>call_completed</c> (which the webhook rows' endpoints are subscribed to).
/// </summary>
public sealed partial class RoleMatrixTests
{
    [MatrixArea]
    private static readonly EndpointSpec[] RecordingsEndpoints =
    [
        new("GET /api/v1/calls/{id}/recording", Role.Agent, HttpStatusCode.OK, Targeted: true),
    ];

    [MatrixArea]
    private async Task<bool> RecordingsRowAsync(MatrixRow row)
    {
        switch (row.Endpoint)
        {
            case "GET /api/v1/calls/{id}/recording":
            {
                var (callId, from) = await RecordingsNewRecordedCallAsync(row.Tenant);
                if (row.Tenant == B)
                {
                    row.Foreign.AddRange([callId.ToString(), from]);
                }

                var body = await row.Call(row.Client.GetAsync($"/api/v1/calls/{callId}/recording"));
                if (row.Allowed)
                {
                    body.Should().StartWith("RIFF");
                }

                (await Count("select count(*) from call_recordings where call_id = $1", callId)).Should().Be(1, "a download changes nothing");
                return true;
            }

            default:
                return false;
        }
    }

    /// <summary>A connected call of <paramref name="tenant"/> with a second of silence recorded; its slot is free again.</summary>
    private async Task<(Guid CallId, string From)> RecordingsNewRecordedCallAsync(Guid tenant)
    {
        var from = Callers.UniqueMobile();
        await using var scope = fx.Api.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.TenantId = tenant.ToString();
        context.CorrelationId = "matrix-recordings-" + Guid.NewGuid().ToString("N");
        var call = Call.Start(Guid.NewGuid(), CallDirection.Inbound, "CA" + Guid.NewGuid().ToString("N"), from, "+972501110001", null,
            CallStatus.InProgress, DateTimeOffset.UtcNow);
        await scope.ServiceProvider.GetRequiredService<IEventStore>().SaveAsync(call);
        await scope.ServiceProvider.GetRequiredService<ICallSlots>().ReleaseAsync(tenant.ToString(), call.Id, CancellationToken.None);

        using var wav = new MemoryStream(WaveFile.Silence(WaveEncoding.MuLaw, 8000, 2, TimeSpan.FromSeconds(1)));
        var stored = await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new StoreCallRecording(call.Id, "audio/wav", wav, 1024 * 1024));
        stored.Created.Should().BeTrue();
        return (call.Id, from);
    }
}
