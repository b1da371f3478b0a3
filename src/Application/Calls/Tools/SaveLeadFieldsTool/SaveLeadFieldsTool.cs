using System.Text.Json.Nodes;
using MediatR;
using ProSaaS.Application.Calls.GetCallConfig;
using ProSaaS.Application.Calls.Tools.UseCallTool;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Leads;
using ProSaaS.Application.Leads.CaptureLead;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Common.PhoneNumbers;
using ProSaaS.Domain.Leads;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Calls.Tools.SaveLeadFieldsTool;

/// <summary>
/// <c>save_lead_fields</c>: details the caller gave, by the keys the call collects (<c>name</c>, <c>phone</c> and the
/// business's fields marked to be collected on calls), checked all together against the business's field schema first — a
/// key it does not collect, an empty value, or a value that does not fit its type (a phone number is normalised to E.164)
/// refuses the whole call of the tool and saves nothing. Then, in one transaction: a call with a lead changes its details;
/// a call without one captures the caller — the business's lead with that phone number when there is one (enriched as the
/// CRM does: a name only where it has none), else a new lead, by the number given or else the caller's own — and is linked
/// to it; the call records the details as collected (<c>call_fields_collected</c>) and the tool call. Answers which details
/// were saved.
/// </summary>
public sealed record SaveLeadFieldsTool(Guid CallId, string ToolCallId, IReadOnlyDictionary<string, string?> Values) : ICallToolRequest
{
    public static SaveLeadFieldsTool From(Guid callId, string toolCallId, ToolArguments arguments)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in arguments.Names)
        {
            values[name] = arguments.Text(name);
        }

        return new SaveLeadFieldsTool(callId, toolCallId, values);
    }
}

public sealed class SaveLeadFieldsToolHandler(
    IEventStore events, ILeadQueries leads, ITenantQueries tenants, IRequestContext context, TimeProvider clock)
    : IRequestHandler<SaveLeadFieldsTool, CallToolOutcome>
{
    public const string PhoneSpoken = "מספר הטלפון לא נשמע לי תקין. אפשר לומר אותו שוב, ספרה אחר ספרה?";
    public const string ContactSpoken = "כדי לשמור את הפרטים צריך גם את השם או את מספר הטלפון שלך.";
    public const string PhoneInUseSpoken = "לא הצלחתי לעדכן את מספר הטלפון הזה. אפשר מספר אחר?";

    public async Task<CallToolOutcome> Handle(SaveLeadFieldsTool request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var call = await ToolCalls.LoadAsync(events, request.CallId, cancellationToken);
        var settings = (await tenants.GetSettingsAsync(tenantId, cancellationToken))?.Settings ?? TenantSettings.Default;
        var linked = call.LeadId is { } linkedId ? await leads.GetAsync(tenantId, linkedId, cancellationToken) : null;
        var collected = GetCallConfigHandler.FieldsToCollect(settings, linked?.Name, linked?.Phone ?? ToolCalls.OtherPartyPhone(call))
            .ToDictionary(f => f.Key, StringComparer.Ordinal);
        if (request.Values.Count == 0)
        {
            return Refuse(request, CallToolErrors.NothingToSave, UseCallToolHandler.RetrySpoken, collected,
                new Dictionary<string, string> { ["$"] = "לא נשלח אף פרט: לשלוח את הפרטים שהפונה אמר, כל פרט במפתח שלו." });
        }

        var (values, refusal) = Check(request, settings, collected);
        if (refusal is not null)
        {
            return refusal;
        }

        return await SaveAsync(request, call, values, collected, tenantId, cancellationToken);
    }

    /// <summary>Every value checked and normalised; any problem refuses them all, listing each.</summary>
    private static (Dictionary<string, string> Values, CallToolOutcome? Refusal) Check(
        SaveLeadFieldsTool request, TenantSettings settings, IReadOnlyDictionary<string, CallSetupField> collected)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        string? error = null;
        CallSetupField? firstInvalid = null;
        foreach (var (key, raw) in request.Values)
        {
            if (!collected.TryGetValue(key, out var field))
            {
                errors[key] = $"השדה '{key}' אינו פרט שהעסק אוסף.";
                error = CallToolErrors.UnknownField;
            }
            else if (string.IsNullOrWhiteSpace(raw))
            {
                errors[key] = "ערך ריק: להשמיט פרט שלא נאמר.";
                error ??= CallToolErrors.EmptyValue;
            }
            else if (TryNormalize(field, raw.Trim(), settings, out var value, out var message))
            {
                values[key] = value;
            }
            else
            {
                errors[key] = message;
                error ??= CallToolErrors.InvalidValue;
                firstInvalid ??= field;
            }
        }

        if (error is null)
        {
            return (values, null);
        }

        var spoken = error != CallToolErrors.InvalidValue ? UseCallToolHandler.RetrySpoken
            : firstInvalid!.Type == LeadFieldType.Phone ? PhoneSpoken
            : $"לא הצלחתי לרשום את {firstInvalid.Label}. אפשר לחזור על זה?";
        return (values, Refuse(request, error, spoken, collected, errors));
    }

    private static bool TryNormalize(CallSetupField field, string value, TenantSettings settings, out string normalised, out string message)
    {
        message = string.Empty;
        normalised = value;
        switch (field.Key)
        {
            case "name" when value.Length > Lead.MaxNameLength:
                message = $"השם ארוך מדי (עד {Lead.MaxNameLength} תווים).";
                return false;
            case "name":
                return true;
            case "phone" when IsraeliPhoneNumber.TryNormalize(value, out var e164):
                normalised = e164;
                return true;
            case "phone":
                message = "מספר הטלפון אינו תקין: מספר ישראלי בספרות, למשל 0521234567.";
                return false;
        }

        var definition = settings.LeadFields.First(f => f.Key == field.Key);
        return LeadFieldSchema.TryNormalizeValue(definition, value, out normalised, out message);
    }

    private async Task<CallToolOutcome> SaveAsync(
        SaveLeadFieldsTool request, Domain.Calls.Call call, Dictionary<string, string> values, IReadOnlyDictionary<string, CallSetupField> collected,
        string tenantId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var name = values.GetValueOrDefault("name");
        var phone = values.GetValueOrDefault("phone");
        var others = values.Where(v => v.Key is not ("name" or "phone")).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var unchanged = new List<string>();
        var changingLinkedLead = call.LeadId is not null;
        var created = false;
        var phoneFromCaller = false;
        Lead lead;
        if (call.LeadId is { } leadId)
        {
            lead = await LeadFields.LoadAsync(events, leadId, cancellationToken);
            if (phone is not null && phone != lead.Phone && await leads.FindIdByPhoneAsync(tenantId, phone, cancellationToken) is { } other && other != leadId)
            {
                return PhoneInUse(request, collected);
            }

            lead.ChangeDetails(name, phone, null, others, null, now);
        }
        else
        {
            var leadPhone = phone ?? ToolCalls.OtherPartyPhone(call);
            if (name is null && leadPhone is null)
            {
                return Refuse(request, CallToolErrors.ContactRequired, ContactSpoken, collected, new Dictionary<string, string>
                {
                    ["name"] = "לליד חדש צריך שם או מספר טלפון: לשמור אותם יחד עם שאר הפרטים, או לפניהם.",
                });
            }

            phoneFromCaller = phone is null && leadPhone is not null;
            if (leadPhone is not null && await leads.FindIdByPhoneAsync(tenantId, leadPhone, cancellationToken) is { } existingId)
            {
                lead = await LeadFields.LoadAsync(events, existingId, cancellationToken);
                if (name is not null && lead.Name is not null && lead.Name != name)
                {
                    unchanged.Add("name");
                }

                lead.MergeCapture(name, null, LeadSource.Call, others, now);
            }
            else
            {
                lead = Lead.Capture(Guid.CreateVersion7(now), name, leadPhone, null, LeadSource.Call, others, now);
                created = true;
            }

            call.LinkLead(lead.Id, now);
        }

        var saved = values.Keys.Where(k => !unchanged.Contains(k)).ToList();
        var output = new JsonObject
        {
            ["leadId"] = lead.Id.ToString(),
            ["created"] = created,
            ["saved"] = new JsonObject([.. saved.Select(k => KeyValuePair.Create(k, (JsonNode?)values[k]))]),
        };
        if (unchanged.Count > 0)
        {
            output["unchanged"] = new JsonObject([.. unchanged.Select(k => KeyValuePair.Create(k, (JsonNode?)"לליד כבר רשום ערך אחר; הוא לא שונה."))]);
        }

        if (phoneFromCaller)
        {
            output["phoneFromCallerId"] = true;
        }

        var spoken = saved.Count > 0 ? $"שמרתי: {string.Join(", ", saved.Select(k => collected[k].Label))}." : "הפרטים האלה כבר רשומים אצלנו.";
        var outcome = CallToolOutcome.Success(request, CallToolNames.SaveLeadFields, output, spoken,
            new CallToolEffects(LeadId: lead.Id, FieldsSaved: saved));
        call.RecordCollectedFields(ToolCalls.FieldsCommandId(call.Id, request.ToolCallId), values, now);
        call.RecordToolApplied(request.ToolCallId, CallToolNames.SaveLeadFields, null, null, saved, outcome.ToStoredJson(), now);

        try
        {
            // The lead first: the call's link names it.
            await events.SaveManyAsync([lead, call], cancellationToken);
        }
        catch (ConflictException ex) when (ex.Code == CaptureLeadHandler.PhoneTakenCode && changingLinkedLead)
        {
            // Another lead took the number meanwhile. (A capture that lost a race is run again by the dispatcher.)
            return PhoneInUse(request, collected);
        }

        return outcome with { Recorded = true };
    }

    private static CallToolOutcome PhoneInUse(SaveLeadFieldsTool request, IReadOnlyDictionary<string, CallSetupField> collected) =>
        Refuse(request, CallToolErrors.PhoneInUse, PhoneInUseSpoken, collected,
            new Dictionary<string, string> { ["phone"] = "מספר הטלפון רשום אצל העסק לליד אחר; לא נשמר דבר." });

    private static CallToolOutcome Refuse(
        SaveLeadFieldsTool request, string error, string spoken, IReadOnlyDictionary<string, CallSetupField> collected, IReadOnlyDictionary<string, string> errors) =>
        CallToolOutcome.Failure(request, CallToolNames.SaveLeadFields, error, spoken, new JsonObject
        {
            ["fields"] = ToolArguments.FieldErrors(errors),
            ["allowed"] = new JsonArray([.. collected.Keys.Select(k => (JsonNode?)JsonValue.Create(k))]),
        });
}
