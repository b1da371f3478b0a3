using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProSaaS.Application.Calls.Tools;

/// <summary>
/// The arguments of a tool call as the model sent them: a JSON object (or that object as a JSON string, as models sometimes
/// send it). Values are read leniently — a number or a boolean where text is expected is taken as its text — and whatever
/// cannot be read is collected in <see cref="Errors"/> by argument name, with a message the model can act on.
/// </summary>
public sealed class ToolArguments
{
    private readonly Dictionary<string, JsonElement> _values;

    private ToolArguments(Dictionary<string, JsonElement> values) => _values = values;

    /// <summary>The argument names, in the order sent.</summary>
    public IReadOnlyList<string> Names => [.. _values.Keys];

    /// <summary>What could not be read, by argument name.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The arguments of <paramref name="arguments"/>; false when it is neither an object nor absent.</summary>
    public static bool TryRead(JsonElement arguments, out ToolArguments parsed)
    {
        parsed = new ToolArguments(new Dictionary<string, JsonElement>(StringComparer.Ordinal));
        var element = arguments;
        if (element.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var document = JsonDocument.Parse(element.GetString() ?? "{}");
                element = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return false;
            }
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return true;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    parsed._values[property.Name] = property.Value.Clone();
                }

                return true;
            default:
                return false;
        }
    }

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>Text of an argument: a string as it is (trimmed), a number as written, a boolean as true/false; null when absent or null.</summary>
    public string? Text(string name)
    {
        if (!_values.TryGetValue(name, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString()!.Trim();
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.True or JsonValueKind.False:
                return value.GetBoolean() ? "true" : "false";
            case JsonValueKind.Null:
                return null;
            default:
                Errors[name] = "הערך חייב להיות טקסט, מספר או כן/לא — לא רשימה ולא אובייקט.";
                return null;
        }
    }

    /// <summary>A whole number (as a number or as its digits); null when absent.</summary>
    public int? Integer(string name)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Errors[name] = "הערך חייב להיות מספר שלם.";
        return null;
    }

    /// <summary>Reports every argument not in <paramref name="known"/>.</summary>
    public void RejectUnknown(IEnumerable<string> known)
    {
        var allowed = known.ToHashSet(StringComparer.Ordinal);
        foreach (var name in _values.Keys.Where(n => !allowed.Contains(n)))
        {
            Errors[name] = $"הכלי אינו מקבל את '{name}'. אפשר: {string.Join(", ", allowed)}.";
        }
    }

    /// <summary>The errors as the answer's <c>fields</c>.</summary>
    public JsonObject ErrorsJson() => FieldErrors(Errors);

    public static JsonObject FieldErrors(IEnumerable<KeyValuePair<string, string>> errors)
    {
        var fields = new JsonObject();
        foreach (var (name, message) in errors)
        {
            fields[name] = message;
        }

        return fields;
    }
}
