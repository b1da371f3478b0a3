using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using ProSaaS.Application.Telephony;

namespace ProSaaS.Infrastructure.Telephony.Twilio;

/// <summary>
/// Twilio's REST API on <see cref="HttpClient"/> (PROTOCOLS.md §4): HTTP Basic with the account and token, form-encoded
/// bodies, JSON answers, a timeout per request. Only requests that are safe to repeat — hanging up, fetching a recording —
/// are retried, with exponential backoff on 5xx, 408, 429 (honouring <c>Retry-After</c>), timeouts and failed
/// connections. Placing a call is sent once and never again: a repeat could ring the lead twice.
/// </summary>
public sealed partial class TwilioRestClient : ITelephonyGateway
{
    public const string ApiVersionPath = "2010-04-01";

    /// <summary>Events the status callback reports, in Twilio's order.</summary>
    public static readonly IReadOnlyList<string> StatusCallbackEvents = ["initiated", "ringing", "answered", "completed"];

    /// <summary>Twilio's code for a change to a call that is no longer in progress (it has ended).</summary>
    public const int CallNotInProgressCode = 21220;

    private readonly HttpClient _http;
    private readonly TwilioOptions _options;
    private readonly ILogger<TwilioRestClient> _logger;
    private readonly Uri _baseAddress;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly ResiliencePipeline<HttpResponseMessage> _once;
    private readonly ResiliencePipeline<HttpResponseMessage> _retrying;

    public TwilioRestClient(HttpClient http, IOptions<TwilioOptions> options, TwilioRetrySettings retry, ILogger<TwilioRestClient> logger)
    {
        _http = http;
        _options = options.Value;
        _logger = logger;
        if (_options.IsSandbox)
        {
            throw new InvalidOperationException("Twilio:AccountSid and Twilio:AuthToken are required for the Twilio REST client.");
        }

        _baseAddress = http.BaseAddress ?? TwilioRetrySettings.ParseBaseAddress(_options.ApiBaseUrl);
        _authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.AccountSid}:{_options.AuthToken}")));
        var timeout = _options.RequestTimeout > TimeSpan.Zero ? _options.RequestTimeout : TimeSpan.FromSeconds(10);
        _once = new ResiliencePipelineBuilder<HttpResponseMessage>().AddTimeout(timeout).Build();
        _retrying = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, retry.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(retry.MaxRetries > 0 && IsTransient(args.Outcome, retry.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    LogRetry(args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds,
                        args.Outcome.Result is { } failed ? ((int)failed.StatusCode).ToString(CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name ?? "?");
                    // The discarded answer holds a pooled connection until it is disposed.
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(timeout)
            .Build();
    }

    public bool IsLive => true;

    public async Task<PlacedCall> PlaceCallAsync(PlaceCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = new List<KeyValuePair<string, string>>
        {
            new("To", request.To),
            new("From", request.From),
            new("Url", request.AnswerUrl.AbsoluteUri),
            new("StatusCallback", request.StatusCallbackUrl.AbsoluteUri),
            new("StatusCallbackMethod", "POST"),
        };
        form.AddRange(StatusCallbackEvents.Select(e => new KeyValuePair<string, string>("StatusCallbackEvent", e)));
        if (request.DetectAnsweringMachine)
        {
            form.Add(new("MachineDetection", "DetectMessageEnd"));
        }

        if (request.TimeLimitSeconds is { } timeLimit)
        {
            form.Add(new("TimeLimit", timeLimit.ToString(CultureInfo.InvariantCulture)));
        }

        if (request.RingTimeoutSeconds is { } ringTimeout)
        {
            form.Add(new("Timeout", ringTimeout.ToString(CultureInfo.InvariantCulture)));
        }

        var uri = AccountUri("Calls.json");
        using var response = await SendAsync(_once, () => Post(uri, form), "place a call", cancellationToken);
        await EnsureSuccessAsync(response, "place a call", cancellationToken);
        using var answer = await ReadJsonAsync(response, cancellationToken);
        var sid = answer?.RootElement.TryGetProperty("sid", out var sidElement) == true ? sidElement.GetString() : null;
        if (string.IsNullOrEmpty(sid))
        {
            throw new TelephonyProviderException("Twilio accepted the call but its answer names no call sid.", (int)response.StatusCode);
        }

        var status = answer!.RootElement.TryGetProperty("status", out var statusElement) ? statusElement.GetString() ?? "queued" : "queued";
        LogPlaced(sid, status, Mask(request.To));
        return new PlacedCall(sid, status);
    }

    public async Task HangUpAsync(string providerCallId, CancellationToken cancellationToken)
    {
        if (!CallSidPattern().IsMatch(providerCallId ?? ""))
        {
            throw new ArgumentException("A Twilio call sid is CA followed by 32 hexadecimal digits.", nameof(providerCallId));
        }

        var uri = AccountUri($"Calls/{providerCallId}.json");
        KeyValuePair<string, string>[] form = [new("Status", "completed")];
        using var response = await SendAsync(_retrying, () => Post(uri, form), "hang up a call", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            LogHangUpNotFound(providerCallId!);
            return;
        }

        if (response.StatusCode == HttpStatusCode.BadRequest && await ReadErrorAsync(response, cancellationToken) is { Code: CallNotInProgressCode })
        {
            LogHangUpEnded(providerCallId!);
            return;
        }

        await EnsureSuccessAsync(response, "hang up a call", cancellationToken);
        LogHungUp(providerCallId!);
    }

    public async Task<Stream> FetchRecordingAsync(string recordingUrl, CancellationToken cancellationToken)
    {
        var uri = RecordingUri(recordingUrl);
        var response = await SendAsync(_retrying, () => new HttpRequestMessage(HttpMethod.Get, uri), "fetch a recording", cancellationToken);
        try
        {
            await EnsureSuccessAsync(response, "fetch a recording", cancellationToken);
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new ResponseStream(body, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The recording's WAV address: on Twilio's API host only (the credentials go nowhere else), relative addresses taken
    /// against it, <c>.wav</c> added unless the address already names a format.
    /// </summary>
    internal Uri RecordingUri(string recordingUrl)
    {
        if (string.IsNullOrWhiteSpace(recordingUrl) || !Uri.TryCreate(_baseAddress, recordingUrl.Trim(), out var uri))
        {
            throw new ArgumentException("The recording URL is not a valid address.", nameof(recordingUrl));
        }

        if (!string.Equals(uri.Scheme, _baseAddress.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Host, _baseAddress.Host, StringComparison.OrdinalIgnoreCase)
            || uri.Port != _baseAddress.Port)
        {
            throw new ArgumentException($"A recording is fetched from {_baseAddress.Host} only.", nameof(recordingUrl));
        }

        var builder = new UriBuilder(uri);
        if (!builder.Path.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
        {
            builder.Path = (builder.Path.EndsWith(".mp3", StringComparison.OrdinalIgnoreCase) ? builder.Path[..^4] : builder.Path) + ".wav";
        }

        return builder.Uri;
    }

    private Uri AccountUri(string rest) =>
        new(_baseAddress, $"/{ApiVersionPath}/Accounts/{Uri.EscapeDataString(_options.AccountSid)}/{rest}");

    private static HttpRequestMessage Post(Uri uri, IEnumerable<KeyValuePair<string, string>> form) =>
        new(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(form) };

    /// <summary>Sends a fresh request per attempt; a timeout or a failed connection becomes a provider error that says no answer came.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        ResiliencePipeline<HttpResponseMessage> pipeline, Func<HttpRequestMessage> create, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(async token =>
            {
                using var request = create();
                request.Headers.Authorization = _authorization;
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            }, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            LogNoAnswer(what, "timeout");
            throw new TelephonyProviderException(
                $"Twilio did not answer within {_options.RequestTimeout.TotalSeconds:0.#} s when asked to {what}.", answered: false, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            LogNoAnswer(what, ex.HttpRequestError.ToString());
            throw new TelephonyProviderException($"Twilio could not be reached to {what}: {ex.Message}", answered: false, inner: ex);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        var error = await ReadErrorAsync(response, cancellationToken);
        LogRefused(what, status, error?.Code, error?.Message);
        throw new TelephonyProviderException(
            $"Twilio refused to {what}: HTTP {status}" + (error is null ? "" : $", {error.Code} {error.Message}"),
            status, error?.Code, error?.Message, error?.MoreInfo);
    }

    /// <summary>Twilio's error document <c>{ code, message, more_info, status }</c>, when the answer is one.</summary>
    private static async Task<TwilioError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var document = await ReadJsonAsync(response, cancellationToken);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        int? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : null;
        var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var moreInfo = root.TryGetProperty("more_info", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        return code is null && message is null ? null : new TwilioError(code, message, moreInfo);
    }

    private static async Task<JsonDocument?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return string.IsNullOrWhiteSpace(text) ? null : JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        if (status is not (>= 500 or 408 or 429))
        {
            return false;
        }

        // A wait longer than the caller can sensibly hold on is not waited for: the failure goes back at once.
        return RetryAfter(response) is not { } wait || wait <= maxRetryAfter;
    }

    /// <summary>The wait the answer asks for in <c>Retry-After</c> (seconds or a date); null for the usual backoff.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        if (response?.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>A number for the log: the country code and the last three digits.</summary>
    private static string Mask(string number) =>
        number.Length <= 7 ? "***" : string.Concat(number.AsSpan(0, 4), new string('*', number.Length - 7), number.AsSpan(number.Length - 3));

    [GeneratedRegex("^CA[0-9a-fA-F]{32}$")]
    private static partial Regex CallSidPattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio placed call {CallSid} ({Status}) to {To}")]
    private partial void LogPlaced(string callSid, string status, string to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio hung up call {CallSid}")]
    private partial void LogHungUp(string callSid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio does not know call {CallSid}; nothing to hang up")]
    private partial void LogHangUpNotFound(string callSid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid} had already ended; nothing to hang up")]
    private partial void LogHangUpEnded(string callSid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio attempt {Attempt} failed ({Failure}); retrying in {DelayMs} ms")]
    private partial void LogRetry(int attempt, double delayMs, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio refused to {What}: HTTP {Status}, code {Code}: {Message}")]
    private partial void LogRefused(string what, int status, int? code, string? message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No answer from Twilio to {What}: {Reason}")]
    private partial void LogNoAnswer(string what, string reason);

    private sealed record TwilioError(int? Code, string? Message, string? MoreInfo);

    /// <summary>The answer's body, disposing the answer with it.</summary>
    private sealed class ResponseStream(Stream inner, HttpResponseMessage response) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// How requests that are safe to repeat are retried: at most <see cref="MaxRetries"/> more attempts, waiting
/// <see cref="BaseDelay"/>, then twice as long each time (with jitter) up to <see cref="MaxDelay"/>. A <c>Retry-After</c>
/// longer than <see cref="MaxRetryAfter"/> is not waited for.
/// </summary>
public sealed record TwilioRetrySettings(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan MaxRetryAfter)
{
    public static TwilioRetrySettings Default { get; } =
        new(MaxRetries: 3, BaseDelay: TimeSpan.FromMilliseconds(500), MaxDelay: TimeSpan.FromSeconds(5), MaxRetryAfter: TimeSpan.FromSeconds(30));

    internal static Uri ParseBaseAddress(string apiBaseUrl) =>
        Uri.TryCreate(apiBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri
            : throw new InvalidOperationException($"Twilio:ApiBaseUrl '{apiBaseUrl}' is not an absolute http(s) address.");
}
