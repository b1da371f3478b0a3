using Microsoft.Extensions.Options;
using ProSaaS.Application.Calls.WrapUp;
using ProSaaS.Domain.Calls;
using ProSaaS.Infrastructure.AfterCall;
using ProSaaS.Testing;

namespace ProSaaS.Infrastructure.Tests.AfterCall;

/// <summary>The OpenAI call summarizer against a local server speaking the chat completions wire shape, over a real socket.</summary>
public sealed class OpenAiCallSummarizerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 5, 14, 9, 15, 0, TimeSpan.Zero);

    private FakeChatCompletions _chat = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _chat = FakeChatCompletions.Start();
        _http = new HttpClient { BaseAddress = new OpenAiSummaryOptions { BaseUrl = _chat.BaseUrl }.BaseAddress(), Timeout = Timeout.InfiniteTimeSpan };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _chat.DisposeAsync();
    }

    private OpenAiCallSummarizer Summarizer(double timeoutSeconds = 5) => new(_http, Options.Create(new OpenAiSummaryOptions
    {
        ApiKey = "sk-test-key",
        BaseUrl = _chat.BaseUrl,
        SummaryModel = "gpt-4.1-mini",
        SummaryTimeout = TimeSpan.FromSeconds(timeoutSeconds),
    }));

    private static CallSummaryInput Input() => new(
        "נדל\"ן חיפה",
        CallDirection.Inbound,
        "he",
        [
            new CallSummaryTurn(CallSpeaker.Assistant, "שלום, כאן נדל\"ן חיפה, איך אפשר לעזור?", 0, At),
            new CallSummaryTurn(CallSpeaker.Caller, "אני מחפשת דירה בחיפה, קוראים לי דנה כהן", 3000, At.AddSeconds(3)),
        ],
        [new CollectedDetail("name", "שם", "דנה כהן"), new CollectedDetail("city", "עיר / אזור", "חיפה")],
        [new CallToolUse("save_lead_fields", false, false), new CallToolUse("book_appointment", true, false)],
        CallEndReason.UserGoodbye,
        125,
        true,
        "דנה כהן");

    [Fact]
    public async Task A_summary_is_asked_with_the_key_the_model_and_a_strict_schema_and_read_from_the_answer()
    {
        var summary = await Summarizer().SummarizeAsync(Input(), CancellationToken.None);

        summary.Text.Should().StartWith("דנה כהן התקשרה");
        summary.NextAction.Should().Be(CallNextAction.ConfirmAppointment);
        summary.NextActionText.Should().Be("לאשר את הפגישה עם דנה");
        summary.Sentiment.Should().Be(CallSentiment.Positive);

        var request = _chat.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/v1/chat/completions");
        request.Authorization.Should().Be("Bearer sk-test-key");
        request.Json.GetProperty("model").GetString().Should().Be("gpt-4.1-mini");
        var format = request.Json.GetProperty("response_format");
        format.GetProperty("type").GetString().Should().Be("json_schema");
        format.GetProperty("json_schema").GetProperty("strict").GetBoolean().Should().BeTrue();
        format.GetProperty("json_schema").GetProperty("schema").GetProperty("properties").GetProperty("nextAction").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()).Should().Equal("none", "call_back", "send_quote", "confirm_appointment", "human_follow_up");
        request.Json.GetProperty("messages")[0].GetProperty("role").GetString().Should().Be("system");
        var call = request.Call;
        call.GetProperty("business").GetString().Should().Be("נדל\"ן חיפה");
        call.GetProperty("endReason").GetString().Should().Be("user_goodbye");
        call.GetProperty("appointmentBooked").GetBoolean().Should().BeTrue();
        call.GetProperty("collectedDetails")[1].GetProperty("label").GetString().Should().Be("עיר / אזור");
        call.GetProperty("transcript").GetString().Should().Be("נציג: שלום, כאן נדל\"ן חיפה, איך אפשר לעזור?\nלקוח: אני מחפשת דירה בחיפה, קוראים לי דנה כהן\n");
    }

    [Fact]
    public async Task A_sentiment_the_model_could_not_tell_is_null()
    {
        _chat.Respond = (_, _) => (200, FakeChatCompletions.Completion(
            """{"summary":"שיחה קצרה.","nextAction":"none","nextActionText":"אין צורך בפעולה","sentiment":null}"""));

        var summary = await Summarizer().SummarizeAsync(Input(), CancellationToken.None);

        summary.Sentiment.Should().BeNull();
        summary.NextAction.Should().Be(CallNextAction.None);
    }

    public static TheoryData<int, string, string> Refused => new()
    {
        { 500, """{"error":{"message":"The server had an error","type":"server_error"}}""", "openai answered 500" },
        { 429, """{"error":{"message":"Rate limit reached","type":"requests"}}""", "openai answered 429" },
        { 401, """{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}""", "openai answered 401" },
        { 200, "not json", "unreadable" },
        { 200, """{"choices":[]}""", "no choice" },
        { 200, FakeChatCompletions.Completion("""{"summary":"x","nextAction":"call_back","nextActionText":"y","sentiment":"neutral"}""", finishReason: "length"), "cut off" },
        { 200, FakeChatCompletions.Completion("", refusal: "I can't help with that."), "refused" },
        { 200, FakeChatCompletions.Completion("סיכום בלי JSON"), "unreadable" },
        { 200, FakeChatCompletions.Completion("""{"summary":"x","nextAction":"call_later","nextActionText":"y","sentiment":"neutral"}"""), "nextAction 'call_later'" },
        { 200, FakeChatCompletions.Completion("""{"summary":"x","nextAction":"call_back","nextActionText":"y","sentiment":"angry"}"""), "sentiment 'angry'" },
        { 200, FakeChatCompletions.Completion("""{"summary":" ","nextAction":"call_back","nextActionText":"y","sentiment":"neutral"}"""), "summary is missing or empty" },
        { 200, FakeChatCompletions.Completion("""{"nextAction":"call_back","nextActionText":"y","sentiment":"neutral"}"""), "summary is missing" },
        { 200, FakeChatCompletions.Completion("""{"summary":"x","nextAction":"call_back","nextActionText":"y"}"""), "sentiment is missing" },
        { 200, FakeChatCompletions.Completion("""{"summary":"x","nextAction":"call_back","nextActionText":"y","sentiment":"neutral","score":3}"""), "unexpected fields: score" },
        { 200, FakeChatCompletions.Completion($$"""{"summary":"{{new string('א', 1001)}}","nextAction":"call_back","nextActionText":"y","sentiment":null}"""), "too long" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Anything_but_a_summary_in_the_schema_is_a_summarizer_failure(int status, string body, string expected)
    {
        _chat.Respond = (_, _) => (status, body);

        var act = () => Summarizer().SummarizeAsync(Input(), CancellationToken.None);

        (await act.Should().ThrowAsync<CallSummarizerException>()).Which.Message.Should().Contain(expected);
    }

    [Fact]
    public async Task A_model_that_does_not_answer_in_time_is_a_summarizer_failure()
    {
        var release = new TaskCompletionSource();
        _chat.Hold = _ => release.Task;
        try
        {
            var act = () => Summarizer(timeoutSeconds: 0.3).SummarizeAsync(Input(), CancellationToken.None);

            (await act.Should().ThrowAsync<CallSummarizerException>()).Which.Message.Should().Contain("did not answer within 0.3 s");
        }
        finally
        {
            release.SetResult();
        }
    }

    [Fact]
    public async Task A_service_that_cannot_be_reached_is_a_summarizer_failure()
    {
        await _chat.DisposeAsync();

        var act = () => Summarizer().SummarizeAsync(Input(), CancellationToken.None);

        (await act.Should().ThrowAsync<CallSummarizerException>()).Which.Message.Should().Contain("could not be reached");
        _chat = FakeChatCompletions.Start();
    }

    [Fact]
    public void The_base_address_keeps_its_path_and_must_be_http()
    {
        new OpenAiSummaryOptions { BaseUrl = "https://api.openai.com/v1" }.BaseAddress().AbsoluteUri.Should().Be("https://api.openai.com/v1/");
        new OpenAiSummaryOptions { BaseUrl = "https://proxy.example.com/openai/v1/" }.BaseAddress().AbsoluteUri.Should().Be("https://proxy.example.com/openai/v1/");
        FluentActions.Invoking(() => new OpenAiSummaryOptions { BaseUrl = "ftp://x" }.BaseAddress()).Should().Throw<InvalidOperationException>();
        new OpenAiSummaryOptions().IsSandbox.Should().BeTrue();
    }
}
