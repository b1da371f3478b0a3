using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProSaaS.Sandbox.Scenarios;

/// <summary>A scenario file that cannot be played: which file, where in it (a JSON path such as <c>$.steps[3].say</c>), and what is wrong.</summary>
public sealed class ScenarioFormatException(string file, string path, string problem)
    : Exception($"{file}: {path}: {problem}")
{
    public string File { get; } = file;

    public string JsonPath { get; } = path;

    public string Problem { get; } = problem;
}

/// <summary>
/// Reads scenario files strictly: unknown properties, wrong types, missing required values and values out of range are
/// refused with the file, the JSON path and the problem — a typo in an expectation must never pass silently.
/// </summary>
public static partial class ScenarioFile
{
    public const int MaxStepMilliseconds = 120_000;

    private static readonly string[] Languages = ["he", "en"];

    /// <summary>The scenario files of <paramref name="fileOrDirectory"/>: the file itself, or every <c>*.json</c> of the folder, by name.</summary>
    public static IReadOnlyList<string> Find(string fileOrDirectory)
    {
        if (Directory.Exists(fileOrDirectory))
        {
            return Directory.GetFiles(fileOrDirectory, "*.json").Order(StringComparer.Ordinal).ToList();
        }

        if (System.IO.File.Exists(fileOrDirectory))
        {
            return [fileOrDirectory];
        }

        throw new FileNotFoundException($"No scenario file or folder at '{fileOrDirectory}'.", fileOrDirectory);
    }

    public static Scenario Load(string path) => Parse(System.IO.File.ReadAllText(path), path);

    public static Scenario Parse(string json, string file = "scenario")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new ScenarioFormatException(file, $"line {e.LineNumber + 1}", "not valid JSON: " + e.Message);
        }

        using (document)
        {
            return new Reader(file).Scenario(document.RootElement);
        }
    }

    private sealed class Reader(string file)
    {
        public Scenario Scenario(JsonElement root)
        {
            var o = Object(root, "$", ["name", "description", "direction", "caller", "to", "outbound", "speed", "steps", "expect", "$schema"]);
            var direction = Enum(o, "$", "direction", ["inbound", "outbound"]) ?? "inbound";
            var outbound = o.TryGetValue("outbound", out var ob) ? Outbound(ob, "$.outbound") : null;
            if (direction == "outbound" && outbound is null)
            {
                throw Fail("$.outbound", "an outbound scenario names its template and lead: \"outbound\": { \"template\": …, \"lead\": { … } }");
            }

            if (direction == "inbound" && outbound is not null)
            {
                throw Fail("$.outbound", "only an outbound scenario has \"outbound\"; set \"direction\": \"outbound\" or remove it");
            }

            var speed = Number(o, "$", "speed") ?? 3;
            if (speed is < 1 or > 8)
            {
                throw Fail("$.speed", $"must be between 1 and 8 (times real time); it is {speed.ToString(CultureInfo.InvariantCulture)}");
            }

            var steps = Required(o, "$", "steps");
            if (steps.ValueKind != JsonValueKind.Array || steps.GetArrayLength() == 0)
            {
                throw Fail("$.steps", "must be a non-empty array of steps");
            }

            return new Scenario
            {
                Name = RequiredString(o, "$", "name"),
                Description = String(o, "$", "description") ?? string.Empty,
                Direction = direction == "outbound" ? ScenarioDirection.Outbound : ScenarioDirection.Inbound,
                Caller = Phone(o, "$", "caller"),
                To = Phone(o, "$", "to"),
                Outbound = outbound,
                Speed = speed,
                Steps = steps.EnumerateArray().Select((s, i) => Step(s, $"$.steps[{i}]")).ToList(),
                Expect = o.TryGetValue("expect", out var e) ? Expectations(e, "$.expect") : new ScenarioExpectations(),
                SourceFile = file,
            };
        }

        private ScenarioOutbound Outbound(JsonElement element, string path)
        {
            var o = Object(element, path, ["template", "lead"]);
            var lead = Object(Required(o, path, "lead"), path + ".lead", ["id", "name", "phone"]);
            Guid? id = null;
            if (String(lead, path + ".lead", "id") is { } text)
            {
                id = Guid.TryParse(text, out var parsed) ? parsed : throw Fail(path + ".lead.id", $"'{text}' is not a lead id (a GUID)");
            }

            var phone = Phone(lead, path + ".lead", "phone");
            if (id is null && phone is null)
            {
                throw Fail(path + ".lead", "give the lead's \"id\", or its \"phone\" (and \"name\") to find or create it by");
            }

            return new ScenarioOutbound(RequiredString(o, path, "template"), id, String(lead, path + ".lead", "name"), phone);
        }

        private ScenarioStep Step(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Fail(path, "a step is an object such as { \"say\": \"…\" }, { \"wait\": \"assistant\" } or { \"dtmf\": \"123\" }");
            }

            string[] kinds = ["say", "silence", "noise", "dtmf", "bargeIn", "wait", "hangUp"];
            var present = element.EnumerateObject().Select(p => p.Name).Where(kinds.Contains).ToList();
            if (present.Count != 1)
            {
                throw Fail(path, present.Count == 0
                    ? $"a step needs exactly one of {string.Join(", ", kinds)}; it has {Describe(element)}"
                    : $"a step does one thing; it has {string.Join(" and ", present)}");
            }

            switch (present[0])
            {
                case "say":
                {
                    var o = Object(element, path, ["say", "language", "ms"]);
                    var text = RequiredString(o, path, "say");
                    return new SayStep(text, Language(o, path), Milliseconds(o, path, "ms", 200) ?? SpeechMilliseconds(text));
                }

                case "silence":
                {
                    var o = Object(element, path, ["silence"]);
                    return new SilenceStep(Milliseconds(o, path, "silence", 20) ?? throw Fail(path + ".silence", "the silence's length in ms"));
                }

                case "noise":
                {
                    var outer = Object(element, path, ["noise"]);
                    var p = path + ".noise";
                    var o = Object(outer["noise"], p, ["ms", "rms", "transcript"]);
                    var transcript = o.ContainsKey("transcript") ? NullableString(o, p, "transcript") ?? string.Empty : null;
                    var rms = Number(o, p, "rms") ?? (transcript is null ? 200 : 3000);
                    if (rms is < 0 or > 20000)
                    {
                        throw Fail(p + ".rms", $"must be between 0 and 20000; it is {rms.ToString(CultureInfo.InvariantCulture)}");
                    }

                    return new NoiseStep(Milliseconds(o, p, "ms", 20) ?? throw Fail(p + ".ms", "the noise's length in ms"), rms, transcript);
                }

                case "dtmf":
                {
                    var o = Object(element, path, ["dtmf", "gapMs"]);
                    var digits = RequiredString(o, path, "dtmf");
                    if (!DtmfPattern().IsMatch(digits))
                    {
                        throw Fail(path + ".dtmf", $"'{digits}' is not keys of a phone keypad (0-9, *, #)");
                    }

                    return new DtmfStep(digits, Milliseconds(o, path, "gapMs", 20) ?? 200);
                }

                case "bargeIn":
                {
                    var outer = Object(element, path, ["bargeIn"]);
                    var p = path + ".bargeIn";
                    var o = Object(outer["bargeIn"], p, ["afterMs", "say", "language", "ms"]);
                    var text = RequiredString(o, p, "say");
                    return new BargeInStep(Milliseconds(o, p, "afterMs", 0) ?? 600, text, Language(o, p),
                        Milliseconds(o, p, "ms", 200) ?? SpeechMilliseconds(text));
                }

                case "wait":
                {
                    var o = Object(element, path, ["wait", "timeoutMs", "quietMs"]);
                    var what = Enum(o, path, "wait", ["assistant", "hangup"])!;
                    var timeout = Milliseconds(o, path, "timeoutMs", 100);
                    if (what == "hangup")
                    {
                        if (o.ContainsKey("quietMs"))
                        {
                            throw Fail(path + ".quietMs", "only { \"wait\": \"assistant\" } takes quietMs");
                        }

                        return new WaitHangUpStep(timeout ?? 60_000);
                    }

                    return new WaitAssistantStep(timeout ?? 30_000, Milliseconds(o, path, "quietMs", 100) ?? 1200);
                }

                default:
                {
                    var o = Object(element, path, ["hangUp"]);
                    if (o["hangUp"].ValueKind != JsonValueKind.True)
                    {
                        throw Fail(path + ".hangUp", "write { \"hangUp\": true }");
                    }

                    return new HangUpStep();
                }
            }
        }

        private ScenarioExpectations Expectations(JsonElement element, string path)
        {
            var o = Object(element, path,
                ["hangUpReason", "lead", "appointment", "assistantLanguage", "assistantSays", "assistantNeverSays", "transcriptExcludes",
                 "assistantInterrupted", "events", "tools"]);
            bool? interrupted = null;
            if (o.TryGetValue("assistantInterrupted", out var i))
            {
                interrupted = i.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw Fail(path + ".assistantInterrupted", "must be true or false"),
                };
            }

            return new ScenarioExpectations
            {
                HangUpReason = Enum(o, path, "hangUpReason",
                    ["user_goodbye", "assistant_ended", "caller_hung_up", "silence", "max_duration", "ai_unavailable", "stream_lost",
                     "transferred_to_human", "shutdown"]),
                Lead = o.TryGetValue("lead", out var lead) ? Lead(lead, path + ".lead") : null,
                Appointment = o.TryGetValue("appointment", out var appointment) ? Appointment(appointment, path + ".appointment") : null,
                AssistantLanguage = Enum(o, path, "assistantLanguage", Languages),
                AssistantSays = Strings(o, path, "assistantSays"),
                AssistantNeverSays = Strings(o, path, "assistantNeverSays"),
                TranscriptExcludes = Strings(o, path, "transcriptExcludes"),
                AssistantInterrupted = interrupted,
                Events = Strings(o, path, "events", EventPattern(), "an event alias such as call_tool_applied"),
                Tools = Strings(o, path, "tools", EventPattern(), "a tool name such as book_appointment"),
            };
        }

        private ScenarioLeadExpectation Lead(JsonElement element, string path)
        {
            var o = Object(element, path, ["name", "phone", "fields"]);
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            if (o.TryGetValue("fields", out var f))
            {
                foreach (var (key, value) in Object(f, path + ".fields", null))
                {
                    fields[key] = value.ValueKind == JsonValueKind.String
                        ? value.GetString()!
                        : throw Fail($"{path}.fields.{key}", "a field's expected value is a string");
                }
            }

            return new ScenarioLeadExpectation(String(o, path, "name"), Phone(o, path, "phone"), fields);
        }

        private ScenarioAppointmentExpectation Appointment(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                return element.GetString() == "none"
                    ? new ScenarioAppointmentExpectation(true, null, null)
                    : throw Fail(path, "is \"none\" or { \"date\": …, \"time\": … }");
            }

            var o = Object(element, path, ["date", "time"]);
            var date = String(o, path, "date");
            if (date is not null && !RelativeDatePattern().IsMatch(date)
                && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                throw Fail(path + ".date", $"'{date}' is not yyyy-MM-dd, today, tomorrow or +Nd");
            }

            var time = String(o, path, "time");
            if (time is not null && !TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                throw Fail(path + ".time", $"'{time}' is not HH:mm");
            }

            return new ScenarioAppointmentExpectation(false, date, time);
        }

        private string Language(Dictionary<string, JsonElement> o, string path) => Enum(o, path, "language", Languages) ?? "he";

        private Dictionary<string, JsonElement> Object(JsonElement element, string path, string[]? allowed)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Fail(path, $"must be an object; it is {Describe(element)}");
            }

            var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (allowed is not null && !allowed.Contains(property.Name))
                {
                    throw Fail($"{path}.{property.Name}", $"unknown property; expected one of {string.Join(", ", allowed.Where(a => a != "$schema"))}");
                }

                if (!result.TryAdd(property.Name, property.Value))
                {
                    throw Fail($"{path}.{property.Name}", "given twice");
                }
            }

            return result;
        }

        private JsonElement Required(Dictionary<string, JsonElement> o, string path, string name) =>
            o.TryGetValue(name, out var value) ? value : throw Fail($"{path}.{name}", "is required");

        private string RequiredString(Dictionary<string, JsonElement> o, string path, string name)
        {
            Required(o, path, name);
            return String(o, path, name) ?? throw Fail($"{path}.{name}", "must not be empty");
        }

        private string? String(Dictionary<string, JsonElement> o, string path, string name)
        {
            var value = NullableString(o, path, name);
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        private string? NullableString(Dictionary<string, JsonElement> o, string path, string name)
        {
            if (!o.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Fail($"{path}.{name}", $"must be a string; it is {Describe(value)}");
        }

        private string? Enum(Dictionary<string, JsonElement> o, string path, string name, string[] values)
        {
            var value = String(o, path, name);
            return value is null || values.Contains(value)
                ? value
                : throw Fail($"{path}.{name}", $"'{value}' is not one of {string.Join(", ", values)}");
        }

        private string? Phone(Dictionary<string, JsonElement> o, string path, string name)
        {
            var value = String(o, path, name);
            return value is null || PhonePattern().IsMatch(value)
                ? value
                : throw Fail($"{path}.{name}", $"'{value}' is not a phone number (+972…, 05…, digits, dashes and spaces)");
        }

        private double? Number(Dictionary<string, JsonElement> o, string path, string name)
        {
            if (!o.TryGetValue(name, out var value))
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Fail($"{path}.{name}", $"must be a number; it is {Describe(value)}");
        }

        private int? Milliseconds(Dictionary<string, JsonElement> o, string path, string name, int min)
        {
            if (!o.TryGetValue(name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var ms))
            {
                throw Fail($"{path}.{name}", $"must be a whole number of milliseconds; it is {Describe(value)}");
            }

            return ms >= min && ms <= MaxStepMilliseconds
                ? ms
                : throw Fail($"{path}.{name}", $"must be between {min} and {MaxStepMilliseconds} ms; it is {ms}");
        }

        private IReadOnlyList<string> Strings(Dictionary<string, JsonElement> o, string path, string name, Regex? pattern = null, string? what = null)
        {
            if (!o.TryGetValue(name, out var value))
            {
                return [];
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                throw Fail($"{path}.{name}", $"must be an array of strings; it is {Describe(value)}");
            }

            var list = new List<string>();
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var itemPath = $"{path}.{name}[{index++}]";
                var text = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : throw Fail(itemPath, $"must be a string; it is {Describe(item)}");
                if (text.Length == 0 || (pattern is not null && !pattern.IsMatch(text)))
                {
                    throw Fail(itemPath, text.Length == 0 ? "must not be empty" : $"'{text}' is not {what}");
                }

                list.Add(text);
            }

            return list;
        }

        private ScenarioFormatException Fail(string path, string problem) => new(file, path, problem);

        private static string Describe(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => "an object with " + (element.EnumerateObject().Any()
                ? string.Join(", ", element.EnumerateObject().Select(p => p.Name))
                : "no properties"),
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Null => "null",
            _ => element.ValueKind.ToString(),
        };
    }

    /// <summary>About how long saying <paramref name="text"/> takes: 65 ms a character, from 600 ms to 4 s.</summary>
    public static int SpeechMilliseconds(string text) => Math.Clamp(text.Length * 65, 600, 4000);

    [GeneratedRegex(@"^[0-9*#]+$")]
    private static partial Regex DtmfPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{5,20}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_]*$")]
    private static partial Regex EventPattern();

    [GeneratedRegex(@"^(today|tomorrow|\+[0-9]{1,2}d)$")]
    private static partial Regex RelativeDatePattern();
}
