using System.Text.Json;
using MediatR;
using ProSaaS.Application.Calls;
using ProSaaS.Application.Calls.GetCallConfig;
using ProSaaS.Application.Calls.RecordCollectedFields;
using ProSaaS.Application.Calls.RecordMediaCallEnd;
using ProSaaS.Application.Calls.RecordTranscriptTurn;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Domain.Calls;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Api.Endpoints;

/// <summary>
/// The media host's routes about one call (<see cref="MediaHostContract"/>): the call's configuration, fetched once when its
/// stream starts, and its reports (transcript turns, collected details, the end with its figures), each applied once by
/// its command id. Both speak the contract's JSON (<see cref="MediaHostContract.Json"/>).
/// </summary>
public static class MediaHostCallEndpoints
{
    /// <summary>The contract's JSON, read leniently: the <c>type</c> of a command may come anywhere in the object.</summary>
    private static readonly JsonSerializerOptions ReadJson = new(MediaHostContract.Json) { AllowOutOfOrderMetadataProperties = true };

    public static IEndpointRouteBuilder MapMediaHostCallEndpoints(this IEndpointRouteBuilder app)
    {
        var call = app.MapMediaHostCallGroup();

        call.MapGet("/config", async (Guid callId, IMediator mediator, CancellationToken ct) =>
            Results.Json(ToContract(await mediator.Send(new GetCallConfig(callId), ct)), MediaHostContract.Json));

        call.MapPost("/commands", async (Guid callId, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var command = await ReadCommandAsync(request, ct);
            var outcome = await mediator.Send(ToRequest(callId, command), ct);
            return Results.Json(
                new CallCommandResult(outcome.CommandId, outcome.Status == CallCommandStatus.Applied ? CallCommandResult.Applied : CallCommandResult.Ignored,
                    outcome.CallVersion),
                MediaHostContract.Json);
        });

        return app;
    }

    /// <summary>
    /// The command in the body. Its <c>type</c> decides its shape; a body that is not a JSON object, an unknown or missing
    /// <c>type</c>, or a value of the wrong JSON type is a 400 naming the field.
    /// </summary>
    internal static async Task<CallCommand> ReadCommandAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Invalid("$", "גוף הבקשה אינו JSON תקין.");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("$", "גוף הבקשה חייב להיות אובייקט JSON של פקודה.");
        }

        var kinds = string.Join(", ", CallCommandKinds.All);
        var type = body.TryGetProperty("type", out var typeValue) && typeValue.ValueKind == JsonValueKind.String ? typeValue.GetString() : null;
        try
        {
            return type switch
            {
                CallCommandKinds.TranscriptTurn => body.Deserialize<TranscriptTurnCommand>(ReadJson)!,
                CallCommandKinds.FieldsCollected => body.Deserialize<FieldsCollectedCommand>(ReadJson)!,
                CallCommandKinds.CallEnded => body.Deserialize<CallEndedCommand>(ReadJson)!,
                _ => throw Invalid("type", $"type חייב להיות אחד מ: {kinds}."),
            };
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "$";
            throw Invalid(path, "הערך אינו מהסוג הנדרש.");
        }
    }

    internal static ICallCommand ToRequest(Guid callId, CallCommand command) => command switch
    {
        TranscriptTurnCommand turn => new RecordTranscriptTurn(
            callId, turn.CommandId, turn.At, turn.Speaker, turn.Text, turn.OffsetMs, turn.Interrupted),
        FieldsCollectedCommand fields => new RecordCollectedFields(callId, fields.CommandId, fields.At, fields.Fields),
        CallEndedCommand ended => new RecordMediaCallEnd(callId, ended.CommandId, ended.At, ended.Reason, ToDomain(ended.Metrics)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a media host command."),
    };

    internal static CallConfig ToContract(CallSetup setup) => new(
        setup.CallId,
        setup.TenantId,
        setup.Direction == CallDirection.Outbound ? CallDirections.Outbound : CallDirections.Inbound,
        setup.LeadId,
        setup.TemplateId,
        setup.From,
        setup.To,
        setup.BusinessName,
        setup.TimeZone,
        setup.Language,
        setup.AssistantName,
        setup.Instructions,
        setup.Greeting,
        setup.Voice,
        setup.BotSpeaksFirst,
        new CallAutoHangup(setup.AutoHangup.OnLeadCaptured, setup.AutoHangup.OnGoodbye),
        new CallSilence(setup.Silence.WarningAfterSeconds, setup.Silence.HangupAfterSeconds, setup.Silence.MaxWarnings),
        setup.MaxCallSeconds,
        new CallTurnDetection(),
        setup.LeadFields.Select(f => new CallLeadField(f.Key, f.Label, CallText.WireName(f.Type), f.Required)).ToList(),
        Application.Calls.Tools.CallToolCatalog.For(setup.LeadFields).Select(t => new CallTool(t.Name, t.Description, t.Parameters)).ToList(),
        setup.Record)
    {
        PromptVersion = setup.PromptVersion,
        AssistantGender = setup.AssistantGender == Domain.Tenants.AssistantGender.Male ? CallAssistantGenders.Male : CallAssistantGenders.Female,
        Faq = setup.Faq.Select(e => new CallFaqEntry(e.Id, e.Question, e.Answer, e.Keywords, e.Phrasings)).ToList(),
        // The wire names of the actions are their snake_case names, as everywhere in the Api's JSON.
        KeypadMenu = setup.KeypadMenu
            .Select(e => new CallKeypadEntry(e.Key.ToString(), JsonNamingPolicy.SnakeCaseLower.ConvertName(e.Action.ToString()), e.Label, e.Text))
            .ToList(),
    };

    private static CallMediaMetrics? ToDomain(CallMetrics? metrics) => metrics is null
        ? null
        : new CallMediaMetrics(
            ToDomain(metrics.ResponseLatencyMs),
            metrics.AddedLatencyMs is { } hops ? new HopLatencyFigures(ToDomain(hops.TwilioToAi)!, ToDomain(hops.AiToTwilio)!) : null,
            ToDomain(metrics.BargeInReactionMs),
            metrics.BargeIns,
            metrics.FramesIn,
            metrics.FramesOut,
            metrics.FramesDropped,
            metrics.InboundQueueHighWater,
            metrics.OutboundQueueHighWater,
            metrics.AiReconnects,
            metrics.DurationMs);

    private static LatencyFigures? ToDomain(LatencySummary? summary) =>
        summary is null ? null : new LatencyFigures(summary.P50, summary.P99, summary.Max, summary.Count);

    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });
}
