using System.Text.Json;
using System.Text.Json.Nodes;
using MediatR;
using ProSaaS.Application.Calls.HangUpCall;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Leads.CaptureLead;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.Tools.UseCallTool;

/// <summary>
/// The AI of a call of the current business calls a function (<see cref="CallToolNames"/>) with the model's arguments, for
/// the media host. Answered once per <see cref="ToolCallId"/> of the call: a retry gets the first answer and changes nothing
/// again, also when deliveries race. The tool checks its arguments first and changes nothing on bad input; a refusal is an
/// answer (<see cref="CallToolOutcome.Ok"/> false with a machine error code and a Hebrew sentence), never an HTTP error.
/// 404 when the business has no such call; 409 <c>call.not_live</c> for a call that was refused (it never had a
/// conversation); 409 <c>call.tool_call_id_reused</c> for an id answered already for another tool.
/// </summary>
public sealed record UseCallTool(Guid CallId, string? ToolCallId, string? Name, JsonElement Arguments) : IRequest<CallToolOutcome>;

public sealed class UseCallToolHandler(ICallQueries calls, ICallToolLog log, IMediator mediator, IRequestContext context)
    : IRequestHandler<UseCallTool, CallToolOutcome>
{
    public const string ToolCallIdReusedCode = "call.tool_call_id_reused";

    /// <summary>A call's stream moves on while a tool runs (transcript turns); each lost race is run again on the newest state.</summary>
    private const int MaxAttempts = 8;

    /// <summary>What the caller hears when the model got a tool's arguments wrong: the model is told what to fix.</summary>
    public const string RetrySpoken = "סליחה, רגע אחד.";

    public async Task<CallToolOutcome> Handle(UseCallTool request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var toolCallId = request.ToolCallId!;
        for (var attempt = 1; ; attempt++)
        {
            if (await log.FindAsync(tenantId, request.CallId, toolCallId, cancellationToken) is { } seen)
            {
                return Same(seen, request);
            }

            var view = await calls.GetAsync(tenantId, request.CallId, cancellationToken) ?? throw new NotFoundException("call", request.CallId);
            if (view.Status == CallStatus.Rejected)
            {
                throw new ConflictException(HangUpCallHandler.NotLiveCode, "השיחה נדחתה ולא חוברה; אין בה שימוש בכלים.");
            }

            CallToolOutcome outcome;
            try
            {
                outcome = await RunAsync(request, cancellationToken);
            }
            catch (CallToolSeenException) when (attempt < MaxAttempts)
            {
                // A concurrent delivery of the same tool call won: the next round answers its answer.
                continue;
            }
            catch (Exception ex) when (attempt < MaxAttempts && ex is ConcurrencyException or ConflictException { Code: CaptureLeadHandler.PhoneTakenCode })
            {
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellationToken);
                continue;
            }

            return outcome.Recorded ? outcome : Same(await log.RecordAsync(tenantId, request.CallId, outcome, cancellationToken), request);
        }
    }

    private async Task<CallToolOutcome> RunAsync(UseCallTool request, CancellationToken cancellationToken)
    {
        var toolCallId = request.ToolCallId!;
        var name = request.Name!;
        if (!CallToolNames.All.Contains(name, StringComparer.Ordinal))
        {
            return CallToolOutcome.Failure(toolCallId, name, CallToolErrors.UnknownTool, RetrySpoken, new JsonObject
            {
                ["message"] = $"אין כלי בשם '{name}'.",
                ["tools"] = new JsonArray([.. CallToolNames.All.Select(t => (JsonNode?)JsonValue.Create(t))]),
            });
        }

        if (!ToolArguments.TryRead(request.Arguments, out var arguments))
        {
            return InvalidArguments(toolCallId, name, new Dictionary<string, string> { ["$"] = "הארגומנטים חייבים להיות אובייקט JSON." });
        }

        ICallToolRequest tool = name switch
        {
            CallToolNames.SaveLeadFields => SaveLeadFieldsTool.SaveLeadFieldsTool.From(request.CallId, toolCallId, arguments),
            CallToolNames.CheckAvailability => CheckAvailabilityTool.CheckAvailabilityTool.From(request.CallId, toolCallId, arguments),
            CallToolNames.BookAppointment => BookAppointmentTool.BookAppointmentTool.From(request.CallId, toolCallId, arguments),
            CallToolNames.RequestHuman => RequestHumanTool.RequestHumanTool.From(request.CallId, toolCallId, arguments),
            _ => EndCallTool.EndCallTool.From(request.CallId, toolCallId, arguments),
        };
        if (arguments.Errors.Count > 0)
        {
            return InvalidArguments(toolCallId, name, arguments.Errors);
        }

        try
        {
            return await mediator.Send(tool, cancellationToken);
        }
        catch (ValidationFailedException ex)
        {
            return InvalidArguments(toolCallId, name, ex.Errors.ToDictionary(e => e.Key, e => string.Join(" ", e.Value), StringComparer.Ordinal));
        }
        catch (BusinessRuleException ex)
        {
            // A rule of the domain the tool's own checks did not foresee: still a refusal that changed nothing.
            return CallToolOutcome.Failure(toolCallId, name, CallToolErrors.InvalidArguments, RetrySpoken,
                new JsonObject { ["code"] = ex.Code, ["message"] = ex.Message });
        }
    }

    public static CallToolOutcome InvalidArguments(string toolCallId, string tool, IEnumerable<KeyValuePair<string, string>> errors) =>
        CallToolOutcome.Failure(toolCallId, tool, CallToolErrors.InvalidArguments, RetrySpoken,
            new JsonObject { ["fields"] = ToolArguments.FieldErrors(errors) });

    /// <summary>The first answer, when it answered this very tool: a tool call id names one call of one tool.</summary>
    private static CallToolOutcome Same(CallToolOutcome seen, UseCallTool request) =>
        string.Equals(seen.Tool, request.Name, StringComparison.Ordinal)
            ? seen
            : throw new ConflictException(ToolCallIdReusedCode, "מזהה הקריאה לכלי (toolCallId) כבר שימש בשיחה לכלי אחר.");
}
