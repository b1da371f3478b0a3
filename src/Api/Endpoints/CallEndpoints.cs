using MediatR;
using ProSaaS.Application.Calls;
using ProSaaS.Application.Calls.GetActiveCallCount;
using ProSaaS.Application.Calls.GetCall;
using ProSaaS.Application.Calls.HangUpCall;
using ProSaaS.Application.Calls.ListCalls;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Endpoints;

/// <summary>The business's calls: the list, one call with its lifecycle, the calls in progress against the limits, and hanging up.</summary>
public static class CallEndpoints
{
    public static IEndpointRouteBuilder MapCallEndpoints(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/api/v1/calls").WithTags("Calls");

        calls.MapGet("/", (string? direction, string? status, string? from, string? to, string? startedFrom, string? startedBefore,
                    Guid? leadId, int? limit, string? next, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListCalls(direction, status, from, to, leadId, limit ?? Application.Common.Paging.PageLimits.Default, next,
                    startedFrom, startedBefore), ct))
            .ForTenantRole(Role.Agent, "List calls",
                "Newest first. `direction` is `inbound` or `outbound`; `status` one of `queued`, `initiated`, `ringing`, `in_progress`, " +
                "`completed`, `busy`, `no_answer`, `failed`, `canceled`, `rejected` (refused before it was connected: the business was " +
                "suspended or at its call limit); `from` and `to` (yyyy-MM-dd, inclusive) keep calls started on these local dates of the " +
                "business; `startedFrom` (inclusive) and `startedBefore` (exclusive) are instants, ISO 8601 with an offset " +
                "(`2025-03-01T22:00:00Z`; write `+` as `%2B`), for a client that places the business's day boundaries itself, as the " +
                "dashboard does; `leadId` keeps one lead's calls. `limit` is 1–100 (default 25); pass the `next` of a page to get the following one " +
                "(null on the last page). Numbers are E.164; `from` is null when the caller withheld it.")
            .Produces<CallPage>()
            .ProducesValidationProblem();

        calls.MapGet("/active/count", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetActiveCallCount(), ct))
            .ForTenantRole(Role.Agent, "Calls in progress",
                "How many of the business's calls hold a slot now — in total, inbound and outbound — next to its limits " +
                "(`maxConcurrentCalls`, `maxOutboundCalls`) and what is still free. A call that would exceed a limit is refused: an inbound " +
                "caller hears a polite Hebrew message.")
            .Produces<ActiveCallCount>();

        calls.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetCall(id), ct))
            .ForTenantRole(Role.Agent, "Get a call",
                "The call and its lifecycle: every recorded step (`call_started`, `call_status_changed`, `call_completed`, `call_rejected`, " +
                "`call_lead_linked`, `call_configured`, `call_fields_collected`, `call_tool_applied`, `call_media_ended`, `call_recording_stored`, " +
                "`call_recording_deleted`) with the status after it, when, and a detail (the end or rejection reason, who answered, the keys " +
                "of the details collected, the tool the assistant used, why a recording was deleted). `recording` is the call's recording while it is kept (`bytes`, `durationMs`, `storedAt`, " +
                "`expiresAt`, and the `url` to download it from), null otherwise. Then what the assistant's media host reported: " +
                "`transcript` — the turns (`speaker` `caller` or `assistant`, `text`, `offsetMs` from the start of the call's audio, " +
                "`interrupted`, `at`) ordered by their place in the call; `collectedFields` — the latest value of each detail the caller gave, " +
                "by lead field key; `mediaEnd` — why the media host ended its side of the call (`reason`: `user_goodbye`, `assistant_ended`, " +
                "`caller_hung_up`, `silence`, `max_duration`, `ai_unavailable`, `stream_lost`, `transferred_to_human`, `shutdown`), `at`, and " +
                "the call's `metrics` (latencies in milliseconds, frames, queue high-water marks, reconnects, stream length); null until reported. " +
                "`promptVersion` — the version of the business's prompt for the call's channel the assistant ran with (0: the default text; " +
                "recorded as `call_configured` when the media host fetched the call's configuration), null when it never did. " +
                "Deleting the call's lead deletes the call with its transcript.")
            .Produces<CallDetails>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        calls.MapPost("/{id:guid}/hang-up", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new HangUpCall(id), ct))
            .ForTenantRole(Role.Admin, "Hang up a call",
                "Ends a call in progress: the telephony provider hangs it up, then the call ends with `endReason` `hung_up_by_business` and " +
                "its slot is free. A call that has already ended, or was refused, answers 409 `call.not_live`; when the provider refuses " +
                "(502 `telephony.provider_error`) or does not answer (502 `telephony.provider_unreachable`), nothing is recorded.")
            .Produces<CallView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);

        app.MapTwilioVoiceEndpoints();
        return app;
    }
}
