using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ProSaaS.Application.Calls;
using ProSaaS.Application.Calls.WrapUp;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Infrastructure.AfterCall;

/// <summary>
/// Call summaries by an OpenAI chat model (<c>OpenAI:SummaryModel</c>) over the chat completions API, with a strict JSON schema
/// for the answer: <c>{ summary, nextAction, nextActionText, sentiment }</c>. Anything else — an HTTP error, a timeout
/// (<c>OpenAI:SummaryTimeout</c>), a refusal, a cut-off answer, a field missing, extra or out of bounds — is a
/// <see cref="CallSummarizerException"/>: the after-call queue tries again later and, in the end, the rules stand in.
/// </summary>
public sealed class OpenAiCallSummarizer(HttpClient http, IOptions<OpenAiSummaryOptions> options) : ICallSummarizer
{
    /// <summary>The longest transcript sent, in characters; a longer call sends its first part.</summary>
    public const int MaxTranscriptCharacters = 40_000;

    private static readonly string[] NextActions = Enum.GetValues<CallNextAction>().Select(CallText.WireName).ToArray();
    private static readonly string[] Sentiments = Enum.GetValues<CallSentiment>().Select(CallText.WireName).ToArray();

    private const string Instructions = """
        אתה כותב סיכומי שיחות טלפון של עוזר קולי עבור העסק. כתוב בעברית בלבד, גם כשהשיחה התנהלה בשפה אחרת.
        summary: סיכום של 1–3 משפטים: מי התקשר ולמה, אילו פרטים נמסרו, מה סוכם (פגישה שנקבעה, בקשה לחזרה מנציג) ואיך הסתיימה השיחה. אל תמציא דבר שלא נאמר או נרשם.
        nextAction: הפעולה הבאה של העסק: none (אין צורך), call_back (לחזור ללקוח), send_quote (לשלוח הצעת מחיר), confirm_appointment (לאשר פגישה שנקבעה), human_follow_up (הלקוח ביקש נציג).
        nextActionText: משפט קצר בעברית שמתאר את הפעולה הבאה.
        sentiment: positive, neutral או negative לפי הלך הרוח של הלקוח, או null כשאי אפשר לדעת.
        """;

    public string Name => CallSummaryRules.OpenAiSummarizer;

    public async Task<CallSummaryContent> SummarizeAsync(CallSummaryInput input, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.SummaryTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions")
        {
            Content = new StringContent(RequestBody(settings.SummaryModel, input).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);

        string body;
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new CallSummarizerException($"openai answered {(int)response.StatusCode}: {Excerpt(body)}");
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CallSummarizerException($"openai did not answer within {settings.SummaryTimeout.TotalSeconds:0.#} s", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new CallSummarizerException($"openai could not be reached: {ex.Message}", ex);
        }

        return Parse(body);
    }

    /// <summary>The chat completions request: the instructions, the call as JSON, and the answer's schema (strict).</summary>
    public static JsonObject RequestBody(string model, CallSummaryInput input) => new()
    {
        ["model"] = model,
        ["temperature"] = 0.2,
        ["messages"] = new JsonArray
        {
            new JsonObject { ["role"] = "system", ["content"] = Instructions },
            new JsonObject { ["role"] = "user", ["content"] = CallDescription(input).ToJsonString() },
        },
        ["response_format"] = new JsonObject
        {
            ["type"] = "json_schema",
            ["json_schema"] = new JsonObject
            {
                ["name"] = "call_summary",
                ["strict"] = true,
                ["schema"] = new JsonObject
                {
                    ["type"] = "object",
                    ["additionalProperties"] = false,
                    ["required"] = new JsonArray("summary", "nextAction", "nextActionText", "sentiment"),
                    ["properties"] = new JsonObject
                    {
                        ["summary"] = new JsonObject { ["type"] = "string" },
                        ["nextAction"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(NextActions.Select(a => (JsonNode)a).ToArray()) },
                        ["nextActionText"] = new JsonObject { ["type"] = "string" },
                        ["sentiment"] = new JsonObject
                        {
                            ["type"] = new JsonArray("string", "null"),
                            ["enum"] = new JsonArray([.. Sentiments.Select(s => (JsonNode?)s), null]),
                        },
                    },
                },
            },
        },
    };

    /// <summary>Reads the model's answer; anything but the schema's object is refused.</summary>
    public static CallSummaryContent Parse(string body)
    {
        JsonObject message;
        try
        {
            var root = JsonNode.Parse(body) as JsonObject ?? throw Unreadable("not a JSON object");
            var choice = (root["choices"] as JsonArray)?.FirstOrDefault() as JsonObject ?? throw Unreadable("no choice");
            if (choice["finish_reason"]?.GetValue<string>() is { } finish && finish != "stop")
            {
                throw Unreadable($"the answer was cut off ({finish})");
            }

            message = choice["message"] as JsonObject ?? throw Unreadable("no message");
            if (message["refusal"] is JsonValue refusal && refusal.TryGetValue<string>(out var why) && why.Length > 0)
            {
                throw Unreadable("the model refused: " + Excerpt(why));
            }

            var content = message["content"]?.GetValue<string>() ?? throw Unreadable("no content");
            var answer = JsonNode.Parse(content) as JsonObject ?? throw Unreadable("the content is not a JSON object");
            var extra = answer.Select(p => p.Key).Except(["summary", "nextAction", "nextActionText", "sentiment"]).ToList();
            if (extra.Count > 0)
            {
                throw Unreadable("unexpected fields: " + string.Join(", ", extra));
            }

            var summary = new CallSummaryContent(
                RequiredText(answer, "summary"),
                EnumOf<CallNextAction>(RequiredText(answer, "nextAction"), NextActions, "nextAction"),
                RequiredText(answer, "nextActionText"),
                !answer.ContainsKey("sentiment") ? throw Unreadable("sentiment is missing")
                : answer["sentiment"] is null ? null
                : EnumOf<CallSentiment>(answer["sentiment"]!.GetValue<string>(), Sentiments, "sentiment"));
            return CallSummaryRules.IsValid(summary) ? summary : throw Unreadable("the summary or next action is empty or too long");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw Unreadable(ex.Message);
        }
    }

    private static JsonObject CallDescription(CallSummaryInput input)
    {
        var transcript = new StringBuilder();
        foreach (var turn in input.Transcript)
        {
            var line = $"{(turn.Speaker == CallSpeaker.Caller ? "לקוח" : "נציג")}: {turn.Text}\n";
            if (transcript.Length + line.Length > MaxTranscriptCharacters)
            {
                transcript.Append("…\n");
                break;
            }

            transcript.Append(line);
        }

        return new JsonObject
        {
            ["business"] = input.BusinessName,
            ["direction"] = CallText.WireName(input.Direction),
            ["language"] = input.Language,
            ["answered"] = input.Answered,
            ["durationSeconds"] = input.DurationSeconds,
            ["endReason"] = input.HangupReason is { } reason ? CallText.WireName(reason) : null,
            ["leadName"] = input.LeadName,
            ["collectedDetails"] = new JsonArray(input.CollectedFields.Select(d => (JsonNode)new JsonObject { ["label"] = d.Label, ["value"] = d.Value }).ToArray()),
            ["appointmentBooked"] = input.AppointmentBooked,
            ["humanRequested"] = input.HumanRequested,
            ["toolsUsed"] = new JsonArray(input.Tools.Select(t => (JsonNode)t.Tool).Distinct().ToArray()),
            ["transcript"] = transcript.ToString(),
        };
    }

    private static string RequiredText(JsonObject answer, string name) =>
        answer[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)
            ? text.Trim()
            : throw Unreadable($"{name} is missing or empty");

    private static TEnum EnumOf<TEnum>(string text, string[] names, string field)
        where TEnum : struct, Enum
    {
        var index = Array.IndexOf(names, text);
        return index >= 0 ? Enum.GetValues<TEnum>()[index] : throw Unreadable($"{field} '{Excerpt(text)}' is not one of {string.Join(", ", names)}");
    }

    private static CallSummarizerException Unreadable(string why) => new("openai's answer is unreadable: " + why);

    private static string Excerpt(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
