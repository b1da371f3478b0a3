using System.Text;
using System.Text.Json.Nodes;
using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Leads;
using ProSaaS.Application.WorkTasks;
using ProSaaS.Domain.Leads;
using ProSaaS.Domain.WorkTasks;

namespace ProSaaS.Application.Calls.Tools.RequestHumanTool;

/// <summary>
/// <c>request_human</c>: the caller wants a person. Creates a callback task on the business's board (open, about the call's
/// lead) with the reason and the time the caller prefers, and answers what to tell the caller. A call without a lead yet
/// whose number is known captures the caller as a lead by that number first (the business's lead with that number when
/// there is one) and is linked to it, in the same transaction; without a number the caller's details must be saved first.
/// One callback per call: asked again, the answer names the task created first.
/// </summary>
public sealed record RequestHumanTool(Guid CallId, string ToolCallId, string? Reason, string? PreferredTime) : ICallToolRequest
{
    public static RequestHumanTool From(Guid callId, string toolCallId, ToolArguments arguments)
    {
        arguments.RejectUnknown(["reason", "preferred_time"]);
        return new RequestHumanTool(callId, toolCallId, arguments.Text("reason"), arguments.Text("preferred_time"));
    }
}

public sealed class RequestHumanToolHandler(
    IEventStore events, ILeadQueries leads, IWorkTaskQueries tasks, IRequestContext context, TimeProvider clock)
    : IRequestHandler<RequestHumanTool, CallToolOutcome>
{
    public const string NeedPhoneSpoken = "כדי שנציג יחזור אליך צריך את מספר הטלפון שלך. מה המספר?";

    public async Task<CallToolOutcome> Handle(RequestHumanTool request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var call = await ToolCalls.LoadAsync(events, request.CallId, cancellationToken);
        if (call.CallbackTaskId is { } requested)
        {
            return CallToolOutcome.Success(request, CallToolNames.RequestHuman,
                new JsonObject { ["taskId"] = requested.ToString(), ["leadId"] = call.LeadId?.ToString(), ["alreadyRequested"] = true },
                "הבקשה כבר נרשמה, ונציג מהעסק יחזור אליך בהקדם.", new CallToolEffects(LeadId: call.LeadId, TaskId: requested));
        }

        var now = clock.GetUtcNow();
        Lead? captured = null;
        string? display;
        Guid leadId;
        if (call.LeadId is { } linked)
        {
            var lead = await leads.GetAsync(tenantId, linked, cancellationToken) ?? throw new NotFoundException("lead", linked);
            leadId = linked;
            display = lead.Name ?? lead.Phone;
        }
        else if (ToolCalls.OtherPartyPhone(call) is { } phone)
        {
            if (await leads.FindIdByPhoneAsync(tenantId, phone, cancellationToken) is { } existing)
            {
                leadId = existing;
                display = (await leads.GetAsync(tenantId, existing, cancellationToken))?.Name ?? phone;
            }
            else
            {
                captured = Lead.Capture(Guid.CreateVersion7(now), null, phone, null, LeadSource.Call, null, now);
                leadId = captured.Id;
                display = phone;
            }

            call.LinkLead(leadId, now);
        }
        else
        {
            return CallToolOutcome.Failure(request, CallToolNames.RequestHuman, CallToolErrors.LeadRequired, NeedPhoneSpoken, new JsonObject
            {
                ["message"] = "מספר הטלפון של הפונה אינו ידוע: לבקש אותו ולשמור ב-save_lead_fields, ואז לקרוא שוב ל-request_human.",
            });
        }

        var task = WorkTask.Create(Guid.CreateVersion7(now), leadId, Title(display), Description(request), WorkTaskStatus.Open, dueAt: null,
            assigneeUserId: null, await tasks.EndOfColumnAsync(tenantId, WorkTaskStatus.Open, cancellationToken), context.UserId, now);
        var preferred = string.IsNullOrWhiteSpace(request.PreferredTime) ? null : request.PreferredTime.Trim();
        var outcome = CallToolOutcome.Success(request, CallToolNames.RequestHuman,
            new JsonObject { ["taskId"] = task.Id.ToString(), ["leadId"] = leadId.ToString(), ["preferredTime"] = preferred },
            preferred is null
                ? "רשמתי את הבקשה, ונציג מהעסק יחזור אליך בהקדם."
                : $"רשמתי את הבקשה, ונציג מהעסק יחזור אליך ({preferred}).",
            new CallToolEffects(LeadId: leadId, TaskId: task.Id));
        call.RecordToolApplied(request.ToolCallId, CallToolNames.RequestHuman, null, task.Id, null, outcome.ToStoredJson(), now);

        try
        {
            // The lead first: the task's row and the call's link name it.
            await events.SaveManyAsync(captured is null ? [task, call] : [captured, task, call], cancellationToken);
        }
        catch (NotFoundException ex) when (ex.Resource == "lead")
        {
            return CallToolOutcome.Failure(request, CallToolNames.RequestHuman, CallToolErrors.LeadRequired, NeedPhoneSpoken,
                new JsonObject { ["message"] = "הליד של השיחה נמחק בינתיים: לשמור שוב את פרטי הפונה." });
        }

        return outcome with { Recorded = true };
    }

    private static string Title(string? who) => string.IsNullOrWhiteSpace(who) ? "לחזור לפונה מהשיחה" : $"לחזור אל {who}";

    private static string Description(RequestHumanTool request)
    {
        var text = new StringBuilder("הפונה ביקש בשיחה שנציג יחזור אליו.");
        text.Append("\nסיבה: ").Append(request.Reason!.Trim());
        if (!string.IsNullOrWhiteSpace(request.PreferredTime))
        {
            text.Append("\nמועד נוח לחזרה: ").Append(request.PreferredTime.Trim());
        }

        return text.ToString();
    }
}
