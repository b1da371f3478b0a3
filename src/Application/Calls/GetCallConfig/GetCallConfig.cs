using MediatR;
using ProSaaS.Application.Calls.HangUpCall;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Leads;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Leads;
using ProSaaS.Domain.Outbound;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Calls.GetCallConfig;

/// <summary>
/// Everything a live call of the current business needs, for the media host when the call's stream starts: who the call
/// is with, how the assistant speaks and behaves (the business's settings), its greeting rendered and its system prompt
/// composed. 404 when the business has no such call; 409 <c>call.not_live</c> when it has ended or was refused.
/// </summary>
public sealed record GetCallConfig(Guid CallId) : IRequest<CallSetup>;

/// <summary>A call's configuration, final: the greeting rendered, the instructions composed.</summary>
/// <param name="TimeZone">The business's IANA zone.</param>
/// <param name="Language">The language the call starts in.</param>
/// <param name="MaxCallSeconds">The longest the call may last.</param>
/// <param name="Record">Whether the call's audio is recorded.</param>
public sealed record CallSetup(
    Guid CallId,
    string TenantId,
    CallDirection Direction,
    Guid? LeadId,
    Guid? TemplateId,
    string? From,
    string? To,
    string BusinessName,
    string TimeZone,
    string Language,
    string AssistantName,
    string Instructions,
    string Greeting,
    string Voice,
    bool BotSpeaksFirst,
    AutoHangupSettings AutoHangup,
    SilenceSettings Silence,
    int MaxCallSeconds,
    IReadOnlyList<CallSetupField> LeadFields,
    bool Record);

/// <summary>A detail the assistant collects: a lead field key (or <c>name</c>, <c>phone</c>), its label and type.</summary>
/// <param name="Options">The choices of a select field.</param>
public sealed record CallSetupField(string Key, string Label, LeadFieldType Type, bool Required, IReadOnlyList<string>? Options = null);

public sealed class GetCallConfigHandler(
    ICallQueries calls, ITenantQueries tenants, ILeadQueries leads, IEventStore events, IRequestContext context)
    : IRequestHandler<GetCallConfig, CallSetup>
{
    public const string Language = "he";

    public async Task<CallSetup> Handle(GetCallConfig request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var view = await calls.GetAsync(tenantId, request.CallId, cancellationToken) ?? throw new NotFoundException("call", request.CallId);
        if (!view.IsLive)
        {
            throw NotLive();
        }

        var call = await events.AggregateStreamAsync<Call>(request.CallId, cancellationToken: cancellationToken)
                   ?? throw new NotFoundException("call", request.CallId);
        if (!call.IsLive)
        {
            throw NotLive();
        }

        var profile = await tenants.GetProfileAsync(tenantId, cancellationToken) ?? throw new NotFoundException("tenant", tenantId);
        var settings = (await tenants.GetSettingsAsync(tenantId, cancellationToken))?.Settings ?? TenantSettings.Default;
        var lead = call.LeadId is { } leadId ? await leads.GetAsync(tenantId, leadId, cancellationToken) : null;
        // The template as its stream tells: a template deleted since the call was placed still guides it.
        var template = call.TemplateId is { } templateId
            ? await events.AggregateStreamAsync<OutboundTemplate>(templateId, cancellationToken: cancellationToken)
            : null;

        var outbound = call.Direction == CallDirection.Outbound;
        var leadName = string.IsNullOrWhiteSpace(lead?.Name) ? null : lead.Name.Trim();
        var greeting = outbound
            ? OutboundGreeting.Render(template?.GreetingTemplate, leadName, profile.Name)
            : settings.GreetingFor(profile.Name);
        var fields = FieldsToCollect(settings, leadName, outbound ? call.To ?? lead?.Phone : call.From ?? lead?.Phone);
        var instructions = CallInstructions.Compose(new CallInstructionsInput(
            call.Direction,
            profile.Name,
            settings.AssistantName,
            profile.TimeZone,
            settings.BusinessHours,
            outbound ? settings.OutboundPrompt : settings.InboundPrompt,
            greeting,
            CallerNumberKnown: call.From is not null,
            leadName,
            template?.PromptText,
            fields));

        return new CallSetup(
            call.Id,
            tenantId,
            call.Direction,
            call.LeadId,
            call.TemplateId,
            call.From,
            call.To,
            profile.Name,
            profile.TimeZone,
            Language,
            settings.AssistantName,
            instructions,
            greeting,
            settings.Voice,
            settings.BotSpeaksFirst,
            settings.AutoHangup,
            settings.Silence,
            settings.MaxCallMinutes * 60,
            fields,
            Record: true);
    }

    /// <summary>
    /// The name and a phone number (required when not known yet), then the business's fields marked to be collected on calls,
    /// in the business's order.
    /// </summary>
    public static IReadOnlyList<CallSetupField> FieldsToCollect(TenantSettings settings, string? knownName, string? knownPhone)
    {
        var fields = new List<CallSetupField>
        {
            new("name", "שם מלא", LeadFieldType.Text, Required: knownName is null),
            new("phone", "מספר טלפון", LeadFieldType.Phone, Required: knownPhone is null),
        };
        fields.AddRange(settings.LeadFields
            .Where(f => f.CollectOnCall && f.Key is not ("name" or "phone"))
            .Select(f => new CallSetupField(f.Key, f.Label, f.Type, Required: false, f.Type == LeadFieldType.Select ? f.Options : null)));
        return fields;
    }

    private static ConflictException NotLive() => new(HangUpCallHandler.NotLiveCode, "השיחה הסתיימה או שלא חוברה; אין לה הגדרות שיחה.");
}
