using MediatR;
using ProSaaS.Application.Calls.HangUpCall;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Faq;
using ProSaaS.Application.Leads;
using ProSaaS.Application.Prompts;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Calls.Conversation;
using ProSaaS.Domain.Leads;
using ProSaaS.Domain.Outbound;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Calls.GetCallConfig;

/// <summary>
/// Everything a live call of the current business needs, for the media host when the call's stream starts: who the call
/// is with, how the assistant speaks and behaves (the business's settings), its greeting rendered, its system prompt
/// composed from the current version of the channel's prompt (recorded on the call: <c>call_configured</c>), the channel's
/// active FAQ entries for answering at once, and the business's keypad menu.
/// 404 when the business has no such call; 409 <c>call.not_live</c> when it has ended or was refused.
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
    bool Record)
{
    /// <summary>The version of the channel's prompt the instructions were composed from (0: the default text).</summary>
    public int PromptVersion { get; init; }

    /// <summary>How the assistant speaks of itself.</summary>
    public AssistantGender AssistantGender { get; init; } = AssistantGender.Female;

    /// <summary>The business's active FAQ entries for the call's channel, oldest first.</summary>
    public IReadOnlyList<CallSetupFaqEntry> Faq { get; init; } = [];

    /// <summary>The business's keypad menu, announced after the greeting; empty when it has none.</summary>
    public IReadOnlyList<KeypadMenuEntry> KeypadMenu { get; init; } = [];
}

/// <summary>A FAQ entry the assistant may answer with at once: the answer, and what points at it.</summary>
public sealed record CallSetupFaqEntry(Guid Id, string Question, string Answer, IReadOnlyList<string> Keywords, IReadOnlyList<string> Phrasings);

/// <summary>A detail the assistant collects: a lead field key (or <c>name</c>, <c>phone</c>), its label and type.</summary>
/// <param name="Options">The choices of a select field.</param>
public sealed record CallSetupField(string Key, string Label, LeadFieldType Type, bool Required, IReadOnlyList<string>? Options = null);

public sealed class GetCallConfigHandler(
    ICallQueries calls, ITenantQueries tenants, ILeadQueries leads, IPromptQueries prompts, IFaqQueries faq, IEventStore events,
    IRequestContext context, TimeProvider clock)
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
        var channel = ChannelOf(call.Direction);
        var prompt = await prompts.LatestAsync(tenantId, channel, cancellationToken) ?? PromptVersionView.Default(channel);
        var faqEntries = await faq.ActiveAsync(tenantId, channel, cancellationToken);
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
            prompt.Text,
            greeting,
            CallerNumberKnown: call.From is not null,
            leadName,
            template?.PromptText,
            fields)
        {
            Address = profile.Address,
            Gender = settings.AssistantGender,
        });

        await RecordPromptVersionAsync(call, channel, prompt.Version, cancellationToken);
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
            Record: true)
        {
            PromptVersion = prompt.Version,
            AssistantGender = settings.AssistantGender,
            Faq = faqEntries.Select(e => new CallSetupFaqEntry(e.Id, e.Question, e.Answer, e.Keywords, e.Phrasings)).ToList(),
            KeypadMenu = settings.KeypadMenu,
        };
    }

    /// <summary>
    /// The call records the prompt version it runs with (<c>call_configured</c>) as its configuration is handed out: the
    /// instructions are composed here, from the version current now. A report appended meanwhile is no reason to fail.
    /// </summary>
    private async Task RecordPromptVersionAsync(Call loaded, AssistantChannel channel, int version, CancellationToken cancellationToken)
    {
        var call = loaded;
        await ConcurrencyRetry.RunAsync(retry: true, async () =>
        {
            call ??= await events.AggregateStreamAsync<Call>(loaded.Id, cancellationToken: cancellationToken)
                     ?? throw new NotFoundException("call", loaded.Id);
            var current = call;
            call = null; // a retry reads the call afresh
            if (current.RecordConfiguration(channel, version, clock.GetUtcNow()))
            {
                await events.SaveAsync(current, cancellationToken);
            }

            return true;
        });
    }

    /// <summary>The prompt and FAQ channel of a call in <paramref name="direction"/>.</summary>
    public static AssistantChannel ChannelOf(CallDirection direction) =>
        direction == CallDirection.Outbound ? AssistantChannel.OutboundCall : AssistantChannel.InboundCall;

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
