using System.Text.Json.Nodes;
using MediatR;

namespace ProSaaS.Application.Calls.Tools.EndCallTool;

/// <summary>
/// <c>end_call</c>: the AI has said goodbye and asks to close the line. Nothing is recorded here: the answer tells the media
/// host to end the call after the goodbye has played (<see cref="CallToolEffects.EndCall"/>), and the media host reports the
/// end with this reason. <see cref="Reason"/> is <c>user_goodbye</c> or <c>assistant_ended</c> (the default).
/// </summary>
public sealed record EndCallTool(Guid CallId, string ToolCallId, string? Reason) : ICallToolRequest
{
    public const string DefaultReason = "assistant_ended";

    public static EndCallTool From(Guid callId, string toolCallId, ToolArguments arguments)
    {
        arguments.RejectUnknown(["reason"]);
        return new EndCallTool(callId, toolCallId, arguments.Text("reason"));
    }
}

public sealed class EndCallToolHandler : IRequestHandler<EndCallTool, CallToolOutcome>
{
    public const string Spoken = "תודה ולהתראות.";

    public Task<CallToolOutcome> Handle(EndCallTool request, CancellationToken cancellationToken)
    {
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? EndCallTool.DefaultReason : request.Reason;
        return Task.FromResult(CallToolOutcome.Success(request, CallToolNames.EndCall, new JsonObject { ["endCall"] = reason }, Spoken,
            new CallToolEffects(EndCall: reason)));
    }
}
