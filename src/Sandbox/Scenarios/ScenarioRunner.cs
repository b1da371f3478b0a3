using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using ProSaaS.Hosting.Telephony;

namespace ProSaaS.Sandbox.Scenarios;

/// <summary>
/// Plays a <see cref="Scenario"/> through a running platform, over HTTP and sockets only, taking Twilio's part: the signed
/// voice webhook (inbound) or the Api's REST call start followed by the outbound webhook Twilio would call, the TwiML
/// <c>&lt;Connect&gt;&lt;Stream&gt;</c> followed to the media host's <c>/media</c> with <see cref="FakeTwilioMediaClient"/>,
/// the caller's lines told to the sandbox assistant, the steps played, the status callbacks. Then it checks every
/// expectation through the Api's REST API (the call with its transcript and end, the lead, the appointments).
/// </summary>
public sealed class ScenarioRunner : IDisposable
{
    private const string AccountSid = "AC00000000000000000000000000000000";

    /// <summary>The quiet that closes a caller's turn (the service's end-of-speech detection needs 500 ms).</summary>
    private const int TurnEndSilenceMs = 800;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ScenarioRunOptions _options;
    private readonly HttpClient _http;
    private readonly Uri _publicBase;

    public ScenarioRunner(ScenarioRunOptions options)
    {
        _options = options;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        _publicBase = options.PublicBaseUrl ?? options.Api;
    }

    /// <summary>The Twilio side of the last call played (clears, what was heard), for tests that look closer.</summary>
    public FakeTwilioMediaClient? LastCaller { get; private set; }

    public async Task<ScenarioReport> RunAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        var checks = new List<ScenarioCheck>();
        Guid? callId = null;
        try
        {
            var connection = scenario.Direction == ScenarioDirection.Outbound
                ? await AnswerOutboundAsync(scenario, checks, cancellationToken)
                : await AnswerInboundAsync(scenario, checks, cancellationToken);
            if (connection is null)
            {
                return new ScenarioReport(scenario.Name, scenario.SourceFile, callId, checks);
            }

            callId = connection.CallId;
            await PlayAsync(scenario, connection, checks, cancellationToken);
            await CheckAsync(scenario, connection, checks, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or System.Net.WebSockets.WebSocketException or JsonException
                                      or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            checks.Add(new ScenarioCheck("run", false, "the call to run to its end", $"{e.GetType().Name}: {e.Message}"));
        }

        return new ScenarioReport(scenario.Name, scenario.SourceFile, callId, checks);
    }

    public void Dispose() => _http.Dispose();

    // ---- Twilio's part: starting the call ----

    private async Task<Connection?> AnswerInboundAsync(Scenario scenario, List<ScenarioCheck> checks, CancellationToken cancellationToken)
    {
        var to = _options.DialledNumber ?? scenario.To;
        if (to is null)
        {
            checks.Add(new ScenarioCheck("dialled number", false, "a business number (\"to\" or --to)", "none"));
            return null;
        }

        var from = scenario.Caller ?? "+972521234567";
        var callSid = NewCallSid();
        var twiml = await PostWebhookAsync("/twilio/voice/inbound", new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid, ["ApiVersion"] = "2010-04-01", ["CallSid"] = callSid, ["CallStatus"] = "ringing",
            ["Called"] = to, ["Caller"] = from, ["Direction"] = "inbound", ["From"] = from, ["To"] = to,
        }, cancellationToken);
        return Connect(twiml, callSid, "/twilio/voice/status", checks);
    }

    private async Task<Connection?> AnswerOutboundAsync(Scenario scenario, List<ScenarioCheck> checks, CancellationToken cancellationToken)
    {
        var outbound = scenario.Outbound!;
        var templateId = await TemplateIdAsync(outbound.Template, cancellationToken);
        if (templateId is null)
        {
            checks.Add(new ScenarioCheck("outbound template", false, $"an active template '{outbound.Template}'", "none of that name"));
            return null;
        }

        var leadId = outbound.LeadId ?? await LeadIdAsync(outbound, cancellationToken);
        var started = await ReadAsync(await _http.SendAsync(ApiRequest(HttpMethod.Post, "/api/v1/outbound/calls",
            new { leadIds = new[] { leadId }, templateId }), cancellationToken), "start the outbound call", cancellationToken);
        var call = started.GetProperty("calls")[0];
        if (call.GetProperty("status").GetString() != "queued")
        {
            checks.Add(new ScenarioCheck("outbound call placed", false, "queued", $"{call.GetProperty("status")} {call.GetProperty("errorCode")}"));
            return null;
        }

        var callId = call.GetProperty("callId").GetGuid();
        var details = await WaitForCallAsync(callId, c => c.GetProperty("call").GetProperty("providerCallId").ValueKind == JsonValueKind.String,
            "the call's provider sid", cancellationToken);
        var view = details.GetProperty("call");
        var callSid = view.GetProperty("providerCallId").GetString()!;
        var from = view.GetProperty("from").GetString() ?? string.Empty;
        var to = view.GetProperty("to").GetString() ?? string.Empty;
        var statusPath = $"/twilio/voice/status?callId={callId:D}";
        var sequence = 0;
        foreach (var status in new[] { "initiated", "ringing", "in-progress" })
        {
            await PostWebhookAsync(statusPath, StatusForm(callSid, status, sequence++, null), cancellationToken);
        }

        var twiml = await PostWebhookAsync($"/twilio/voice/outbound?callId={callId:D}", new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid, ["ApiVersion"] = "2010-04-01", ["CallSid"] = callSid, ["CallStatus"] = "in-progress",
            ["Direction"] = "outbound-api", ["From"] = from, ["To"] = to, ["Called"] = to, ["Caller"] = from, ["AnsweredBy"] = "human",
        }, cancellationToken);
        return Connect(twiml, callSid, statusPath, checks) is { } connection ? connection with { NextSequence = sequence } : null;
    }

    private Connection? Connect(string twiml, string callSid, string statusPath, List<ScenarioCheck> checks)
    {
        var stream = XDocument.Parse(twiml).Root?.Element("Connect")?.Element("Stream");
        var parameters = stream?.Elements("Parameter").ToDictionary(p => (string)p.Attribute("name")!, p => (string?)p.Attribute("value") ?? string.Empty);
        if (stream is null || parameters is null || !Guid.TryParse(parameters.GetValueOrDefault("callId"), out var callId))
        {
            checks.Add(new ScenarioCheck("call connected", false, "<Connect><Stream> with a callId", twiml.Replace('\n', ' ')));
            return null;
        }

        var streamUrl = new Uri((string)stream.Attribute("url")!);
        var media = new UriBuilder(_options.Media)
        {
            Scheme = _options.Media.Scheme == "https" ? "wss" : _options.Media.Scheme == "http" ? "ws" : _options.Media.Scheme,
            Path = streamUrl.AbsolutePath,
        }.Uri;
        return new Connection(callId, callSid, media, parameters, statusPath, 0);
    }

    // ---- The call ----

    private async Task PlayAsync(Scenario scenario, Connection connection, List<ScenarioCheck> checks, CancellationToken cancellationToken)
    {
        var lines = scenario.CallerLines;
        if (lines.Count > 0)
        {
            using var response = await _http.PostAsJsonAsync(new Uri(_options.Media, $"/sandbox/v1/calls/{connection.CallId:D}/caller-lines"),
                new { lines }, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(response.StatusCode == HttpStatusCode.NotFound
                    ? "the media host does not take caller lines: it is not in sandbox mode (OpenAI:ApiKey set?)"
                    : $"the media host refused the caller lines: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        var speed = _options.Speed ?? scenario.Speed;
        var caller = await FakeTwilioMediaClient.ConnectAsync(connection.Media, new FakeTwilioCallOptions
        {
            AccountSid = AccountSid,
            CallSid = connection.CallSid,
            CustomParameters = connection.Parameters,
            Speed = speed,
            RecordMediaMessages = false,
        }, cancellationToken);
        LastCaller = caller;
        var started = DateTimeOffset.UtcNow;
        long answerMark = 0;
        var hungUp = false;
        var turn = 0;
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            var step = scenario.Steps[i];
            var name = $"step {i + 1} ({Describe(step)})";
            if (caller.End != TwilioStreamEnd.Open && step is not (WaitHangUpStep or HangUpStep))
            {
                checks.Add(new ScenarioCheck(name, false, "the call still on", $"the call had ended ({caller.End})"));
                break;
            }

            try
            {
                switch (step)
                {
                    case SayStep say:
                        answerMark = caller.BytesReceived;
                        await caller.PlayAsync(new MediaScript().Speech(say.Milliseconds, frequencyHz: Voice(turn++)).Silence(TurnEndSilenceMs), cancellationToken);
                        break;
                    case SilenceStep silence:
                        await caller.PlayAsync(new MediaScript().Silence(silence.Milliseconds), cancellationToken);
                        break;
                    case NoiseStep noise:
                        var script = new MediaScript().Noise(noise.Milliseconds, noise.Rms, seed: i + 1);
                        if (noise.Transcript is not null)
                        {
                            answerMark = caller.BytesReceived;
                            script.Silence(TurnEndSilenceMs);
                        }

                        await caller.PlayAsync(script, cancellationToken);
                        break;
                    case DtmfStep dtmf:
                        answerMark = caller.BytesReceived;
                        var keys = new MediaScript();
                        foreach (var digit in dtmf.Digits)
                        {
                            keys.Dtmf(digit).Silence(dtmf.GapMilliseconds);
                        }

                        await caller.PlayAsync(keys, cancellationToken);
                        break;
                    case BargeInStep bargeIn:
                        var from = caller.BytesPlayed;
                        await caller.WaitUntilAsync(c => c.BytesPlayed >= from + FakeAudio.BytesFor(bargeIn.AfterMilliseconds) && c.BytesQueued > 0,
                            $"{bargeIn.AfterMilliseconds} ms of the assistant's answer played with more to come", TimeSpan.FromSeconds(30), cancellationToken);
                        answerMark = caller.BytesReceived;
                        await caller.PlayAsync(new MediaScript().Speech(bargeIn.Milliseconds, frequencyHz: Voice(turn++)).Silence(TurnEndSilenceMs), cancellationToken);
                        break;
                    case WaitAssistantStep wait:
                        await WaitForAssistantAsync(caller, answerMark, wait, cancellationToken);
                        break;
                    case WaitHangUpStep wait:
                        await caller.WaitForClosedAsync(TimeSpan.FromMilliseconds(wait.TimeoutMilliseconds), cancellationToken);
                        break;
                    case HangUpStep:
                        await caller.StopAsync(cancellationToken: cancellationToken);
                        hungUp = true;
                        break;
                }
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                checks.Add(new ScenarioCheck(name, false, "to be played", e.Message));
                if (caller.End == TwilioStreamEnd.Open && step is WaitHangUpStep)
                {
                    break;
                }
            }
        }

        if (!hungUp && caller.End == TwilioStreamEnd.Open)
        {
            try
            {
                await caller.WaitForClosedAsync(_options.EndTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                checks.Add(new ScenarioCheck("call ended", false, $"the platform to end the call within {_options.EndTimeout.TotalSeconds:0} s",
                    "still on: the caller hangs up"));
                await caller.StopAsync(cancellationToken: cancellationToken);
            }
        }

        connection.Duration = DateTimeOffset.UtcNow - started;
        connection.Clears = caller.Clears.Count;
        await caller.DisposeAsync();
    }

    /// <summary>Until an answer has come since the caller's last turn, has played to its end, and nothing more came for a while.</summary>
    private static async Task WaitForAssistantAsync(FakeTwilioMediaClient caller, long answerMark, WaitAssistantStep wait, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromMilliseconds(wait.TimeoutMilliseconds);
        var deadline = DateTime.UtcNow + timeout;
        await caller.WaitUntilAsync(c => c.BytesReceived > answerMark || c.End != TwilioStreamEnd.Open,
            "the assistant to answer", timeout, cancellationToken);
        var lastReceived = caller.BytesReceived;
        var quietSince = DateTime.UtcNow;
        while (caller.End == TwilioStreamEnd.Open)
        {
            var received = caller.BytesReceived;
            if (received != lastReceived || caller.BytesQueued > 0)
            {
                lastReceived = received;
                quietSince = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - quietSince >= TimeSpan.FromMilliseconds(wait.QuietMilliseconds))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the assistant was still talking after {wait.TimeoutMilliseconds} ms");
            }

            await Task.Delay(25, cancellationToken);
        }
    }

    // ---- The outcome, through the REST API ----

    private async Task CheckAsync(Scenario scenario, Connection connection, List<ScenarioCheck> playChecks, CancellationToken cancellationToken)
    {
        // The media host reports the end (and the transcript) through its outbox: wait until the Api has it.
        JsonElement call;
        try
        {
            call = await WaitForCallAsync(connection.CallId, c => c.GetProperty("mediaEnd").ValueKind == JsonValueKind.Object,
                "the media host's report of the call's end", cancellationToken);
        }
        catch (TimeoutException e)
        {
            playChecks.Add(new ScenarioCheck("call reported", false, "the media host's end of the call recorded", e.Message));
            call = await GetCallAsync(connection.CallId, cancellationToken);
        }

        // Twilio's last word on the call.
        await PostWebhookAsync(connection.StatusPath, StatusForm(connection.CallSid, "completed", connection.NextSequence + 10,
            Math.Max(1, (int)Math.Round(connection.Duration.TotalSeconds))), cancellationToken);

        // A fact may trail the end report by a moment: check again until all pass or the time is up.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(Math.Min(10, _options.ResultTimeout.TotalSeconds));
        List<ScenarioCheck> checks;
        while (true)
        {
            checks = await EvaluateAsync(scenario.Expect, connection, call, cancellationToken);
            if (checks.All(c => c.Passed) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(200, cancellationToken);
            call = await GetCallAsync(connection.CallId, cancellationToken);
        }

        playChecks.AddRange(checks);
    }

    private async Task<List<ScenarioCheck>> EvaluateAsync(ScenarioExpectations expect, Connection connection, JsonElement details, CancellationToken cancellationToken)
    {
        var checks = new List<ScenarioCheck>();
        var call = details.GetProperty("call");
        var transcript = details.GetProperty("transcript").EnumerateArray()
            .Select(t => (Speaker: t.GetProperty("speaker").GetString(), Text: t.GetProperty("text").GetString() ?? string.Empty,
                Interrupted: t.GetProperty("interrupted").GetBoolean()))
            .ToList();
        var assistant = transcript.Where(t => t.Speaker == "assistant").ToList();
        var lifecycle = details.GetProperty("lifecycle").EnumerateArray()
            .Select(s => (Event: s.GetProperty("event").GetString()!, Detail: s.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null))
            .ToList();

        if (expect.HangUpReason is { } reason)
        {
            var actual = details.GetProperty("mediaEnd") is { ValueKind: JsonValueKind.Object } end ? end.GetProperty("reason").GetString() : null;
            checks.Add(new ScenarioCheck("hang-up reason", actual == reason, reason,
                (actual ?? "(not reported)") + $" (call end: {Text(call.GetProperty("endReason"))})"));
        }

        foreach (var alias in expect.Events)
        {
            checks.Add(new ScenarioCheck($"event {alias}", lifecycle.Any(s => s.Event == alias), "present",
                lifecycle.Any(s => s.Event == alias) ? "present" : "absent; recorded: " + string.Join(", ", lifecycle.Select(s => s.Event).Distinct())));
        }

        var tools = lifecycle.Where(s => s.Event == "call_tool_applied").Select(s => s.Detail ?? string.Empty).ToList();
        foreach (var tool in expect.Tools)
        {
            var used = tools.Any(t => t.Contains(tool, StringComparison.Ordinal));
            checks.Add(new ScenarioCheck($"tool {tool}", used, "applied", used ? "applied" : "not applied; applied: " + (tools.Count == 0 ? "none" : string.Join(", ", tools))));
        }

        foreach (var phrase in expect.AssistantSays)
        {
            var said = assistant.Any(t => t.Text.Contains(phrase, StringComparison.OrdinalIgnoreCase));
            checks.Add(new ScenarioCheck($"assistant says \"{phrase}\"", said, "said", said ? "said" : "not said; the assistant said: " + Quote(assistant.Select(t => t.Text))));
        }

        foreach (var phrase in expect.AssistantNeverSays)
        {
            var turn = assistant.FirstOrDefault(t => t.Text.Contains(phrase, StringComparison.OrdinalIgnoreCase));
            checks.Add(new ScenarioCheck($"assistant never says \"{phrase}\"", turn.Text is null, "never said", turn.Text is null ? "never said" : $"said: \"{turn.Text}\""));
        }

        foreach (var phrase in expect.TranscriptExcludes)
        {
            var turn = transcript.FirstOrDefault(t => t.Text.Contains(phrase, StringComparison.OrdinalIgnoreCase));
            checks.Add(new ScenarioCheck($"transcript without \"{phrase}\"", turn.Text is null, "absent", turn.Text is null ? "absent" : $"{turn.Speaker}: \"{turn.Text}\""));
        }

        if (expect.AssistantLanguage is { } language)
        {
            var last = assistant.Select(t => t.Text).LastOrDefault(t => LanguageOf(t) is not null);
            var actual = last is null ? null : LanguageOf(last);
            checks.Add(new ScenarioCheck("assistant language", actual == language, language,
                last is null ? "no assistant turn" : $"{actual} (\"{Shorten(last)}\")"));
        }

        if (expect.AssistantInterrupted is { } interrupted)
        {
            var marked = assistant.Any(t => t.Interrupted);
            var actual = marked && connection.Clears > 0;
            checks.Add(new ScenarioCheck("assistant interrupted", actual == interrupted, interrupted ? "cut off by the caller" : "never cut off",
                $"{(marked ? "a turn marked interrupted" : "no turn marked interrupted")}, {connection.Clears} clear(s) sent to Twilio"));
        }

        var leadId = call.GetProperty("leadId") is { ValueKind: JsonValueKind.String } l ? l.GetGuid() : (Guid?)null;
        if (expect.Lead is { } leadExpectation)
        {
            await CheckLeadAsync(leadExpectation, leadId, checks, cancellationToken);
        }

        if (expect.Appointment is { } appointment)
        {
            await CheckAppointmentAsync(appointment, leadId, checks, cancellationToken);
        }

        return checks;
    }

    private async Task CheckLeadAsync(ScenarioLeadExpectation expect, Guid? leadId, List<ScenarioCheck> checks, CancellationToken cancellationToken)
    {
        if (leadId is null)
        {
            checks.Add(new ScenarioCheck("lead", false, "the call linked to a lead", "no lead"));
            return;
        }

        var lead = await ReadAsync(await _http.SendAsync(ApiRequest(HttpMethod.Get, $"/api/v1/leads/{leadId:D}"), cancellationToken), "read the lead", cancellationToken);
        if (expect.Name is { } name)
        {
            var actual = Text(lead.GetProperty("name"));
            checks.Add(new ScenarioCheck("lead name", actual == name, $"\"{name}\"", actual is null ? "(none)" : $"\"{actual}\""));
        }

        if (expect.Phone is { } phone)
        {
            var actual = Text(lead.GetProperty("phone"));
            checks.Add(new ScenarioCheck("lead phone", actual is not null && PhoneDigits(actual) == PhoneDigits(phone), phone, actual ?? "(none)"));
        }

        var fields = lead.GetProperty("fields");
        foreach (var (key, value) in expect.Fields)
        {
            var actual = fields.TryGetProperty(key, out var v) ? v.GetString() : null;
            checks.Add(new ScenarioCheck($"lead field {key}", actual == value, $"\"{value}\"", actual is null ? "(none)" : $"\"{actual}\""));
        }
    }

    private async Task CheckAppointmentAsync(ScenarioAppointmentExpectation expect, Guid? leadId, List<ScenarioCheck> checks, CancellationToken cancellationToken)
    {
        var booked = new List<DateTimeOffset>();
        if (leadId is not null)
        {
            var page = await ReadAsync(await _http.SendAsync(ApiRequest(HttpMethod.Get, $"/api/v1/appointments?leadId={leadId:D}&status=booked&limit=100"),
                cancellationToken), "read the appointments", cancellationToken);
            booked.AddRange(page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("localStart").GetDateTimeOffset()));
        }

        var found = string.Join(", ", booked.Select(b => b.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
        if (expect.None)
        {
            checks.Add(new ScenarioCheck("appointment", booked.Count == 0, "none booked", booked.Count == 0 ? "none booked" : "booked " + found));
            return;
        }

        DateOnly? wantedDate = expect.Date is null ? null : DateOf(expect.Date, booked.FirstOrDefault().Offset);
        var matches = booked.Any(b =>
            (wantedDate is null || DateOnly.FromDateTime(b.DateTime) == wantedDate)
            && (expect.Time is null || b.ToString("HH:mm", CultureInfo.InvariantCulture) == expect.Time));
        var wanted = $"booked{(wantedDate is { } d ? " on " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty)}{(expect.Time is { } t ? " at " + t : string.Empty)}";
        checks.Add(new ScenarioCheck("appointment", matches, wanted, booked.Count == 0 ? (leadId is null ? "no lead" : "none booked") : "booked " + found));
    }

    private DateOnly DateOf(string text, TimeSpan offset)
    {
        var today = DateOnly.FromDateTime(_options.Clock.GetUtcNow().ToOffset(offset).DateTime);
        return text switch
        {
            "today" => today,
            "tomorrow" => today.AddDays(1),
            _ when text.StartsWith('+') => today.AddDays(int.Parse(text[1..^1], CultureInfo.InvariantCulture)),
            _ => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    // ---- HTTP ----

    private async Task<string> PostWebhookAsync(string pathAndQuery, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        var signedUrl = _publicBase.GetLeftPart(UriPartial.Authority) + _publicBase.AbsolutePath.TrimEnd('/') + pathAndQuery;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.Api, pathAndQuery)) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioRequestValidator.SignatureHeader,
            TwilioRequestValidator.Sign(_options.TwilioAuthToken, TwilioRequestValidator.SignedData(signedUrl, form)));
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? text
            : throw new HttpRequestException($"Twilio's webhook {pathAndQuery} answered {(int)response.StatusCode}: {text}");
    }

    private static Dictionary<string, string> StatusForm(string callSid, string status, int sequence, int? duration)
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid, ["CallSid"] = callSid, ["CallStatus"] = status,
            ["SequenceNumber"] = sequence.ToString(CultureInfo.InvariantCulture), ["Timestamp"] = DateTimeOffset.UtcNow.ToString("R"),
        };
        if (duration is { } seconds)
        {
            form["CallDuration"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return form;
    }

    private HttpRequestMessage ApiRequest(HttpMethod method, string pathAndQuery, object? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_options.Api, pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        return request;
    }

    private async Task<JsonElement> GetCallAsync(Guid callId, CancellationToken cancellationToken) =>
        await ReadAsync(await _http.SendAsync(ApiRequest(HttpMethod.Get, $"/api/v1/calls/{callId:D}"), cancellationToken), "read the call", cancellationToken);

    private async Task<JsonElement> WaitForCallAsync(Guid callId, Func<JsonElement, bool> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _options.ResultTimeout;
        while (true)
        {
            var call = await GetCallAsync(callId, cancellationToken);
            if (condition(call))
            {
                return call;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no sign of {what} after {_options.ResultTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private async Task<Guid?> TemplateIdAsync(string template, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(template, out var id))
        {
            return id;
        }

        var page = await ReadAsync(await _http.SendAsync(ApiRequest(HttpMethod.Get, "/api/v1/outbound/templates?limit=100"), cancellationToken),
            "list the outbound templates", cancellationToken);
        return page.GetProperty("items").EnumerateArray()
            .Where(t => string.Equals(t.GetProperty("name").GetString(), template, StringComparison.OrdinalIgnoreCase))
            .Select(t => (Guid?)t.GetProperty("id").GetGuid())
            .FirstOrDefault();
    }

    private async Task<Guid> LeadIdAsync(ScenarioOutbound outbound, CancellationToken cancellationToken)
    {
        // One lead per phone per business: posting the phone again answers the existing lead.
        var lead = await ReadAsync(await _http.SendAsync(ApiRequest(HttpMethod.Post, "/api/v1/leads",
            new { name = outbound.LeadName, phone = outbound.LeadPhone }), cancellationToken), "find or create the lead", cancellationToken);
        return lead.GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{what}: the Api answered {(int)response.StatusCode}: {text}");
            }

            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
    }

    // ---- Small helpers ----

    private static string NewCallSid() => "CA" + Guid.NewGuid().ToString("N");

    /// <summary>A different pitch per turn, as a real voice varies.</summary>
    private static double Voice(int turn) => 180 + turn % 5 * 20;

    private static string? Text(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() : null;

    private static string PhoneDigits(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }

        return digits.StartsWith('0') ? "972" + digits[1..] : digits;
    }

    /// <summary>"he" when a text has more Hebrew letters than Latin ones, "en" when fewer; null without letters.</summary>
    public static string? LanguageOf(string text)
    {
        var hebrew = text.Count(c => c is >= '\u05D0' and <= '\u05EA');
        var latin = text.Count(char.IsAsciiLetter);
        return hebrew == 0 && latin == 0 ? null : hebrew >= latin ? "he" : "en";
    }

    private static string Quote(IEnumerable<string> texts)
    {
        var list = texts.Select(t => $"\"{Shorten(t)}\"").ToList();
        return list.Count == 0 ? "nothing" : string.Join(" | ", list);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "…";

    private static string Describe(ScenarioStep step) => step switch
    {
        SayStep say => $"say \"{Shorten(say.Text)}\"",
        SilenceStep silence => $"silence {silence.Milliseconds} ms",
        NoiseStep noise => $"noise {noise.Milliseconds} ms",
        DtmfStep dtmf => $"dtmf {dtmf.Digits}",
        BargeInStep bargeIn => $"barge in \"{Shorten(bargeIn.Text)}\"",
        WaitAssistantStep => "wait for the assistant",
        WaitHangUpStep => "wait for the hang-up",
        HangUpStep => "hang up",
        _ => step.GetType().Name,
    };

    private sealed record Connection(Guid CallId, string CallSid, Uri Media, IReadOnlyDictionary<string, string> Parameters, string StatusPath, int NextSequence)
    {
        public TimeSpan Duration { get; set; }

        public int Clears { get; set; }
    }
}
