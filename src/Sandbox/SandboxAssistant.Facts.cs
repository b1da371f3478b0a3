using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProSaaS.Sandbox;

/// <summary>What kind of answer a detail takes, as the sandbox assistant asks for and reads it.</summary>
public enum SandboxFieldKind
{
    Name,
    Phone,
    Select,
    Number,
    Boolean,
    Date,
    Text,
}

/// <summary>A detail the call collects: its key in <c>save_lead_fields</c>, its label, kind and (for a select) options.</summary>
public sealed record SandboxField(string Key, string Label, SandboxFieldKind Kind, IReadOnlyList<string> Options);

/// <summary>
/// What the sandbox assistant knows of its call, read the way a model reads it: the session's instructions as the Api
/// composes them (<c>CallInstructions</c>: "זו שיחת טלפון נכנסת בשם …", "אזור זמן: …", the assistant's gender rule, whether
/// the caller's number is known, the opening line) and the session's tools (the details to collect are the properties of
/// <c>save_lead_fields</c>, in order, with their types). Anything missing takes a plain default.
/// </summary>
public sealed partial record SandboxCallFacts
{
    public string BusinessName { get; init; } = "העסק";

    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");

    /// <summary>The assistant speaks of itself as a woman unless the instructions give the male rule.</summary>
    public bool Female { get; init; } = true;

    /// <summary>The call starts in English (the session transcribes English, or the instructions say to speak English).</summary>
    public bool English { get; init; }

    public bool CallerNumberKnown { get; init; }

    public string? Greeting { get; init; }

    /// <summary>The details to collect: the name first, then the phone, then the others in the tool's order.</summary>
    public IReadOnlyList<SandboxField> Fields { get; init; } = [];

    /// <summary>The names of the tools the session offers.</summary>
    public IReadOnlySet<string> Tools { get; init; } = new HashSet<string>();

    public bool CanBook => Tools.Contains(SandboxTools.CheckAvailability) && Tools.Contains(SandboxTools.BookAppointment);

    /// <summary>Reads the facts from a session's instructions, its configuration JSON (<c>tools</c>) and its transcription language.</summary>
    public static SandboxCallFacts From(string? instructions, string? configJson, string? transcriptionLanguage = null)
    {
        instructions ??= string.Empty;
        var facts = new SandboxCallFacts
        {
            Female = !instructions.Contains("כגבר", StringComparison.Ordinal),
            CallerNumberKnown = instructions.Contains("מספר הטלפון של המתקשר מזוהה", StringComparison.Ordinal),
            English = transcriptionLanguage?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true
                      || EnglishRule().IsMatch(instructions),
        };

        if (BusinessLine().Match(instructions) is { Success: true } business)
        {
            facts = facts with { BusinessName = business.Groups[1].Value.Trim() };
        }
        else if (BusinessNameLine().Match(instructions) is { Success: true } named)
        {
            facts = facts with { BusinessName = named.Groups[1].Value.Trim() };
        }

        if (ZoneLine().Match(instructions) is { Success: true } zone)
        {
            try
            {
                facts = facts with { Zone = TimeZoneInfo.FindSystemTimeZoneById(zone.Groups[1].Value) };
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // The business's zone is unknown here: Israel's stays.
            }
        }

        if (GreetingLine().Match(instructions) is { Success: true } greeting)
        {
            facts = facts with { Greeting = greeting.Groups[1].Value.Trim() };
        }

        if (!string.IsNullOrWhiteSpace(configJson))
        {
            var (tools, fields) = ReadTools(configJson);
            facts = facts with { Tools = tools, Fields = fields };
        }

        return facts;
    }

    private static (HashSet<string> Tools, List<SandboxField> Fields) ReadTools(string configJson)
    {
        var tools = new HashSet<string>(StringComparer.Ordinal);
        var fields = new List<SandboxField>();
        using var document = JsonDocument.Parse(configJson);
        var root = document.RootElement;
        if (!root.TryGetProperty("tools", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return (tools, fields);
        }

        foreach (var tool in list.EnumerateArray())
        {
            if (!tool.TryGetProperty("name", out var nameElement) || nameElement.GetString() is not { } name)
            {
                continue;
            }

            tools.Add(name);
            if (name == SandboxTools.SaveLeadFields && tool.TryGetProperty("parameters", out var parameters)
                && parameters.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    fields.Add(Field(property.Name, property.Value));
                }
            }
        }

        // Name first, then the phone, then the rest as the business ordered them.
        var ordered = fields.Where(f => f.Kind == SandboxFieldKind.Name)
            .Concat(fields.Where(f => f.Kind == SandboxFieldKind.Phone).Take(1))
            .ToList();
        ordered.AddRange(fields.Where(f => !ordered.Contains(f)));
        return (tools, ordered);
    }

    private static SandboxField Field(string key, JsonElement schema)
    {
        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : null;
        var description = schema.TryGetProperty("description", out var d) ? d.GetString() ?? key : key;
        var options = schema.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array
            ? e.EnumerateArray().Select(o => o.ToString()).ToList()
            : [];
        var label = LabelEnd().Split(description, 2)[0].Trim();
        if (label.Length == 0)
        {
            label = key;
        }

        var kind = key switch
        {
            "name" => SandboxFieldKind.Name,
            "phone" => SandboxFieldKind.Phone,
            _ when options.Count > 0 => SandboxFieldKind.Select,
            _ when type is "number" or "integer" => SandboxFieldKind.Number,
            _ when type == "boolean" => SandboxFieldKind.Boolean,
            _ when description.Contains("מספר טלפון", StringComparison.Ordinal) => SandboxFieldKind.Phone,
            _ when description.Contains("yyyy-MM-dd", StringComparison.Ordinal) => SandboxFieldKind.Date,
            _ => SandboxFieldKind.Text,
        };
        return new SandboxField(key, label, kind, options);
    }

    [GeneratedRegex(@"זו שיחת טלפון (?:נכנסת|יוצאת) בשם ([^\n]+?)\.?\s*(?:\n|$)")]
    private static partial Regex BusinessLine();

    [GeneratedRegex(@"שם העסק: ([^\n]+)")]
    private static partial Regex BusinessNameLine();

    [GeneratedRegex(@"אזור זמן: (\S+)")]
    private static partial Regex ZoneLine();

    [GeneratedRegex("הפתיח של השיחה: \"([^\n]*)\"")]
    private static partial Regex GreetingLine();

    [GeneratedRegex(@"\b(speak|answer|respond|reply) (only )?in English\b|לדבר (רק )?באנגלית", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishRule();

    [GeneratedRegex(@" \(| — ")]
    private static partial Regex LabelEnd();
}

/// <summary>The tools' wire names (the Api's <c>CallToolNames</c>).</summary>
public static class SandboxTools
{
    public const string SaveLeadFields = "save_lead_fields";
    public const string CheckAvailability = "check_availability";
    public const string BookAppointment = "book_appointment";
    public const string RequestHuman = "request_human";
    public const string EndCall = "end_call";
}
