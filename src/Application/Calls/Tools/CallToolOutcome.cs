using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MediatR;

namespace ProSaaS.Application.Calls.Tools;

/// <summary>
/// What a tool call came to, as the AI is answered. <see cref="Ok"/> false is an answer too (bad arguments, a slot taken,
/// a lead not saved yet): nothing was changed, <see cref="Output"/> carries a machine <c>error</c> code and what the model
/// needs to recover, and <see cref="Spoken"/> a short Hebrew sentence for the caller. <see cref="Effects"/> says exactly what
/// the server confirmed, and nothing else.
/// </summary>
public sealed record CallToolOutcome(string ToolCallId, string Tool, bool Ok, JsonElement Output, string Spoken, CallToolEffects Effects)
{
    /// <summary>Recorded with the events of what it changed (so kept already); otherwise the log keeps it.</summary>
    [JsonIgnore]
    public bool Recorded { get; init; }

    /// <summary>Kept readable: Hebrew as it is, not escaped (the JSON is never embedded in a page).</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static CallToolOutcome Success(ICallToolRequest request, string tool, JsonObject output, string spoken, CallToolEffects? effects = null) =>
        new(request.ToolCallId, tool, true, JsonSerializer.SerializeToElement(output), spoken, effects ?? CallToolEffects.None);

    /// <summary>A refusal: nothing changed. <paramref name="details"/> are added to the output next to its <c>error</c>.</summary>
    public static CallToolOutcome Failure(string toolCallId, string tool, string error, string spoken, JsonObject? details = null)
    {
        var output = new JsonObject { ["error"] = error };
        foreach (var (name, value) in details ?? [])
        {
            output[name] = value?.DeepClone();
        }

        return new CallToolOutcome(toolCallId, tool, false, JsonSerializer.SerializeToElement(output), spoken, CallToolEffects.None);
    }

    public static CallToolOutcome Failure(ICallToolRequest request, string tool, string error, string spoken, JsonObject? details = null) =>
        Failure(request.ToolCallId, tool, error, spoken, details);

    /// <summary>The answer as kept (the log, the call's event): ok, output, spoken and effects.</summary>
    public string ToStoredJson() => JsonSerializer.Serialize(new StoredAnswer(Ok, Output, Spoken, Effects), Json);

    public static CallToolOutcome FromStoredJson(string toolCallId, string tool, string json)
    {
        var stored = JsonSerializer.Deserialize<StoredAnswer>(json, Json)
                     ?? throw new InvalidOperationException($"The kept answer of tool call {toolCallId} is empty.");
        return new CallToolOutcome(toolCallId, tool, stored.Ok, stored.Output, stored.Spoken ?? string.Empty, stored.Effects ?? CallToolEffects.None)
        {
            Recorded = true,
        };
    }

    private sealed record StoredAnswer(bool Ok, JsonElement Output, string? Spoken, CallToolEffects? Effects);
}

/// <summary>
/// What the server confirmed a tool call did: the lead saved or linked (<see cref="LeadId"/>), the lead fields saved (by
/// key), the appointment booked (or found booked already), the callback task created, and the end of the call asked for
/// (<see cref="EndCall"/>, the media host's end reason).
/// </summary>
public sealed record CallToolEffects(
    Guid? LeadId = null,
    Guid? AppointmentId = null,
    IReadOnlyList<string>? FieldsSaved = null,
    string? EndCall = null,
    Guid? TaskId = null)
{
    public static CallToolEffects None { get; } = new();
}

/// <summary>A tool's own request: which call and which of the AI's function calls it answers.</summary>
public interface ICallToolRequest : IRequest<CallToolOutcome>
{
    Guid CallId { get; }

    string ToolCallId { get; }
}

/// <summary>The machine codes of a refused tool call (<c>output.error</c>).</summary>
public static class CallToolErrors
{
    /// <summary>No tool of that name.</summary>
    public const string UnknownTool = "unknown_tool";

    /// <summary>The arguments are not what the tool takes (<c>output.fields</c> says what is wrong with each).</summary>
    public const string InvalidArguments = "invalid_arguments";

    /// <summary>A lead detail is not one the business collects.</summary>
    public const string UnknownField = "unknown_field";

    /// <summary>A lead detail's value does not fit its type (a phone number that is not one, a word where a number goes).</summary>
    public const string InvalidValue = "invalid_value";

    /// <summary>A detail was given empty: leave out what is not known.</summary>
    public const string EmptyValue = "empty_value";

    /// <summary>No detail was given.</summary>
    public const string NothingToSave = "nothing_to_save";

    /// <summary>A new lead needs a name or a phone number.</summary>
    public const string ContactRequired = "contact_required";

    /// <summary>The phone number belongs to another lead of the business.</summary>
    public const string PhoneInUse = "phone_in_use";

    /// <summary>The call has no lead yet: save the caller's details first.</summary>
    public const string LeadRequired = "lead_required";

    /// <summary>The time is outside the business's appointment hours, too soon, too far ahead or off the slot grid.</summary>
    public const string SlotUnavailable = "slot_unavailable";

    /// <summary>Another appointment holds the time.</summary>
    public const string SlotTaken = "slot_taken";
}
