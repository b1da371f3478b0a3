using System.Text;
using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ProSaaS.Application.Calls;
using ProSaaS.Application.Calls.CallAudit;
using ProSaaS.Application.Calls.WatchCalls;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Endpoints;

/// <summary>
/// A call's history for auditors (its events, and its state as of any of them) and the business's calls live, as
/// server-sent events.
/// </summary>
public static class CallStreamEndpoints
{
    public const string EventStream = "text/event-stream";

    /// <summary>How often an idle live stream sends a comment, so that proxies and browsers keep it open.</summary>
    public static TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapCallStreamEndpoints(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/api/v1/calls").WithTags("Calls");

        calls.MapGet("/live", LiveAsync)
            .ForTenantRole(Role.Agent, "Calls live (server-sent events)",
                "A `text/event-stream` of the business's calls as they change, from any Api instance: `event: call` with the call as " +
                "`GET /api/v1/calls/{id}` shows it in `call` (the same fields as an item of the list) each time one of its events is " +
                "recorded — a new call, a status change, its end, a transcript turn. `event: ready` opens the stream; after a reconnect, " +
                "read the list again, since changes made while disconnected are not replayed. `event: resync` says changes may have " +
                "been missed (the stream fell behind): read the list again. A comment line (`: ping`) every 15 seconds keeps idle " +
                "connections open; `retry` asks browsers to reconnect after 3 seconds. Works with a session cookie (`EventSource`) or " +
                "an API key.")
            .Produces(StatusCodes.Status200OK, contentType: EventStream);

        calls.MapGet("/{id:guid}/events", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new ListCallEvents(id), ct))
            .ForTenantRole(Role.Agent, "A call's audit trail",
                "Every event of the call, oldest first: `version` (its place in the call's stream, from 1), `type` (`call_started`, " +
                "`call_placed`, `call_status_changed`, `call_lead_linked`, `call_configured`, `call_transcript_turn`, " +
                "`call_fields_collected`, `call_tool_applied`, `call_media_ended`, `call_completed`, `call_rejected`, " +
                "`call_recording_stored`, `call_recording_deleted`, `call_summarized`), `at` (when it happened) and `recordedAt`, " +
                "`actor` — who or what caused it: `kind` `twilio` (the provider's callback), `media_host` (the assistant's media " +
                "host), `user` (`name`: the user's display name), `api_key` (`name`: the key's name) or `system` (`name`: the " +
                "platform's job, such as `call-reclaim`, `after-call`, `recording-retention`) — a `detail` (the direction, status, " +
                "reason, keys collected, tool, or a transcript turn's text), `statusAfter`, and for a turn the `speaker`.")
            .Produces<CallAuditTrail>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        calls.MapGet("/{id:guid}/state", (Guid id, long? version, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetCallState(id, version ?? 0), ct))
            .ForTenantRole(Role.Agent, "A call as of one of its events",
                "The call replayed from its stream up to and including the event at `version` (required; 1 is its first event, " +
                "`GET /api/v1/calls/{id}/events` lists them): status, direction, numbers, lead (`leadName` is the lead's current name, " +
                "null before the call was linked to it), times, end and rejection reasons, the media host's end, whether a recording was " +
                "kept, the prompt version, and the transcript and collected details as they stood. `latestVersion` is the stream's " +
                "version now. A `version` past the last event answers 400.")
            .Produces<CallStateView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task LiveAsync(HttpContext http, IMediator mediator, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var aborted = http.RequestAborted;
        await using var watch = await mediator.Send(new WatchCalls(), aborted);
        var response = http.Response;
        response.ContentType = EventStream;
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var options = json.Value.SerializerOptions;
        try
        {
            await WriteAsync(response, "retry: 3000\n\nevent: ready\ndata: {}\n\n", aborted);
            using var heartbeat = new PeriodicTimer(Heartbeat);
            var tick = heartbeat.WaitForNextTickAsync(aborted).AsTask();
            var ready = watch.Changes.WaitToReadAsync(aborted).AsTask();
            while (!aborted.IsCancellationRequested)
            {
                if (await Task.WhenAny(ready, tick) == tick)
                {
                    if (!await tick)
                    {
                        return;
                    }

                    await WriteAsync(response, ": ping\n\n", aborted);
                    tick = heartbeat.WaitForNextTickAsync(aborted).AsTask();
                    continue;
                }

                if (!await ready)
                {
                    return;
                }

                var text = new StringBuilder();
                while (watch.Changes.TryRead(out var change))
                {
                    text.Append(change.Resync
                        ? "event: resync\ndata: {}\n\n"
                        : $"event: call\ndata: {JsonSerializer.Serialize(new { call = change.Call }, options)}\n\n");
                }

                ready = watch.Changes.WaitToReadAsync(aborted).AsTask();
                if (text.Length > 0)
                {
                    await WriteAsync(response, text.ToString(), aborted);
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away: the watch ends with it.
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, Encoding.UTF8, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
