using System.Text.Json;
using MediatR;
using ProSaaS.Application.Calls.Tools;
using ProSaaS.Application.Calls.Tools.UseCallTool;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Hosting.Calls;
using ContractEffects = ProSaaS.Hosting.Calls.CallToolEffects;

namespace ProSaaS.Api.Endpoints;

/// <summary>
/// The media host's route for the functions a call's AI calls (<see cref="MediaHostContract.ToolsPath"/>): each tool call is
/// run by the Api, checked server-side, answered once per tool call id, and answered with what the model is told, what the
/// assistant may say and exactly what was confirmed. A refusal is an answer (200, <c>ok: false</c>), not an HTTP error.
/// </summary>
public static class MediaHostToolEndpoints
{
    public static IEndpointRouteBuilder MapMediaHostToolEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMediaHostCallGroup().MapPost("/tools", async (Guid callId, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var (toolCallId, name, arguments) = await ReadAsync(request, ct);
            var outcome = await mediator.Send(new UseCallTool(callId, toolCallId, name, arguments), ct);
            return Results.Json(ToContract(outcome), MediaHostContract.Json);
        });

        return app;
    }

    /// <summary>The tool call in the body; a body that is not a JSON object is a 400 (the fields are the validator's to check).</summary>
    internal static async Task<(string? ToolCallId, string? Name, JsonElement Arguments)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Invalid("גוף הבקשה אינו JSON תקין.");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("גוף הבקשה חייב להיות אובייקט JSON של קריאה לכלי (toolCallId, name, arguments).");
        }

        return (Text(body, "toolCallId"), Text(body, "name"), body.TryGetProperty("arguments", out var arguments) ? arguments : default);
    }

    internal static CallToolAnswer ToContract(CallToolOutcome outcome) => new(
        outcome.ToolCallId,
        outcome.Ok,
        outcome.Output,
        string.IsNullOrEmpty(outcome.Spoken) ? null : outcome.Spoken,
        new ContractEffects(
            outcome.Effects.LeadId,
            outcome.Effects.AppointmentId,
            outcome.Effects.FieldsSaved,
            outcome.Effects.EndCall,
            outcome.Effects.TaskId));

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ValidationFailedException Invalid(string message) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["$"] = [message] });
}
