using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProSaaS.Sandbox;

/// <summary>
/// Twilio's REST API as a real HTTP server on 127.0.0.1 (a random port): it checks HTTP Basic credentials, creates calls
/// (<c>201</c> with a <c>CA…</c> sid), hangs them up, serves recordings, and answers errors in Twilio's JSON shape
/// <c>{ code, message, more_info, status }</c>. Every request is recorded as it arrived. Tests can make the next requests
/// fail with any status (and <c>Retry-After</c>) or answer late.
/// </summary>
public sealed class FakeTwilioRest : IAsyncDisposable
{
    public const string AccountSid = "ACfa4e0000000000000000000000000001";
    public const string AuthToken = "fake-twilio-auth-token";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedTwilioRequest> _requests = new();
    private readonly ConcurrentQueue<ScriptedAnswer> _script = new();
    private readonly ConcurrentDictionary<string, string> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _recordings = new(StringComparer.Ordinal);

    private FakeTwilioRest(WebApplication app)
    {
        _app = app;
        app.Run(HandleAsync);
    }

    /// <summary>The fake's address: what <c>Twilio:ApiBaseUrl</c> is set to.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request received, in order, failed ones included.</summary>
    public IReadOnlyList<RecordedTwilioRequest> Requests => _requests.ToList();

    /// <summary>The calls created so far and their status.</summary>
    public IReadOnlyDictionary<string, string> Calls => new Dictionary<string, string>(_calls);

    public static async Task<FakeTwilioRest> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeTwilioRest(builder.Build());
        await fake._app.StartAsync();
        var address = fake._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return fake;
    }

    /// <summary>The next <paramref name="times"/> requests are answered with this error instead (then normal service resumes).</summary>
    public void FailNext(int times, HttpStatusCode status, int? code = null, string? message = null, TimeSpan? retryAfter = null)
    {
        for (var i = 0; i < times; i++)
        {
            _script.Enqueue(new ScriptedAnswer(status, code, message, retryAfter, Delay: null));
        }
    }

    /// <summary>The next <paramref name="times"/> requests are answered normally, but only after <paramref name="delay"/>.</summary>
    public void DelayNext(int times, TimeSpan delay)
    {
        for (var i = 0; i < times; i++)
        {
            _script.Enqueue(new ScriptedAnswer(null, null, null, null, delay));
        }
    }

    /// <summary>A call the fake knows, in <paramref name="status"/> (e.g. one that has already completed).</summary>
    public string AddCall(string status = "in-progress")
    {
        var sid = "CA" + Guid.NewGuid().ToString("N");
        _calls[sid] = status;
        return sid;
    }

    /// <summary>A recording served at the returned URL (without extension, as Twilio names it) with <c>.wav</c> appended.</summary>
    public Uri AddRecording(byte[] wav)
    {
        var sid = "RE" + Guid.NewGuid().ToString("N");
        _recordings[sid] = wav;
        return new Uri(BaseAddress, $"/2010-04-01/Accounts/{AccountSid}/Recordings/{sid}");
    }

    /// <summary>The <c>Authorization</c> header Twilio expects for <see cref="AccountSid"/> and <see cref="AuthToken"/>.</summary>
    public static string ExpectedAuthorization =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var form = new List<KeyValuePair<string, string>>();
        if (request.HasFormContentType)
        {
            foreach (var (key, values) in await request.ReadFormAsync())
            {
                form.AddRange(values.Select(v => new KeyValuePair<string, string>(key, v ?? "")));
            }
        }

        _requests.Enqueue(new RecordedTwilioRequest(
            request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", request.Headers.Authorization.ToString(),
            request.ContentType, form, DateTimeOffset.UtcNow));

        if (_script.TryDequeue(out var scripted))
        {
            if (scripted.Delay is { } delay)
            {
                try
                {
                    await Task.Delay(delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            if (scripted.Status is { } status)
            {
                if (scripted.RetryAfter is { } wait)
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await ErrorAsync(context, status, scripted.Code ?? (int)status * 100, scripted.Message ?? "Scripted failure");
                return;
            }
        }

        if (request.Headers.Authorization.ToString() != ExpectedAuthorization)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
            await ErrorAsync(context, HttpStatusCode.Unauthorized, 20003, "Authenticate");
            return;
        }

        var segments = (request.Path.Value ?? "").Trim('/').Split('/');
        if (segments is not ["2010-04-01", "Accounts", AccountSid, ..])
        {
            await ErrorAsync(context, HttpStatusCode.NotFound, 20404, "The requested resource was not found");
            return;
        }

        switch (request.Method, segments[3..])
        {
            case ("POST", ["Calls.json"]):
                await CreateCallAsync(context, form);
                return;
            case ("POST", ["Calls", var callFile]) when callFile.EndsWith(".json", StringComparison.Ordinal):
                await UpdateCallAsync(context, callFile[..^5], form);
                return;
            case ("GET", ["Recordings", var recordingFile]) when recordingFile.EndsWith(".wav", StringComparison.Ordinal):
                if (_recordings.TryGetValue(recordingFile[..^4], out var wav))
                {
                    context.Response.ContentType = "audio/x-wav";
                    await context.Response.Body.WriteAsync(wav);
                    return;
                }

                break;
        }

        await ErrorAsync(context, HttpStatusCode.NotFound, 20404, $"The requested resource {request.Path} was not found");
    }

    private async Task CreateCallAsync(HttpContext context, List<KeyValuePair<string, string>> form)
    {
        string? Value(string name) => form.LastOrDefault(p => p.Key == name).Value;
        if (string.IsNullOrEmpty(Value("To")))
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, 21201, "No 'To' number is specified");
            return;
        }

        if (!Value("To")!.StartsWith('+'))
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, 21211, $"Invalid 'To' Phone Number: {Value("To")}");
            return;
        }

        if (string.IsNullOrEmpty(Value("Url")) && string.IsNullOrEmpty(Value("Twiml")))
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, 21205, "Url parameter is required.");
            return;
        }

        var sid = "CA" + Guid.NewGuid().ToString("N");
        _calls[sid] = "queued";
        await JsonAsync(context, HttpStatusCode.Created, new Dictionary<string, object?>
        {
            ["sid"] = sid, ["account_sid"] = AccountSid, ["to"] = Value("To"), ["from"] = Value("From"), ["status"] = "queued",
            ["direction"] = "outbound-api", ["api_version"] = "2010-04-01",
            ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/Calls/{sid}.json",
        });
    }

    private async Task UpdateCallAsync(HttpContext context, string sid, List<KeyValuePair<string, string>> form)
    {
        if (!_calls.TryGetValue(sid, out var status))
        {
            await ErrorAsync(context, HttpStatusCode.NotFound, 20404,
                $"The requested resource /2010-04-01/Accounts/{AccountSid}/Calls/{sid}.json was not found");
            return;
        }

        if (status is "completed" or "busy" or "failed" or "no-answer" or "canceled")
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, 21220, "Call is not in-progress. Cannot redirect.");
            return;
        }

        if (form.LastOrDefault(p => p.Key == "Status").Value is "completed" or "canceled")
        {
            _calls[sid] = "completed";
        }

        await JsonAsync(context, HttpStatusCode.OK, new Dictionary<string, object?>
        {
            ["sid"] = sid, ["account_sid"] = AccountSid, ["status"] = _calls[sid],
        });
    }

    private static Task ErrorAsync(HttpContext context, HttpStatusCode status, int code, string message) =>
        JsonAsync(context, status, new Dictionary<string, object?>
        {
            ["code"] = code, ["message"] = message, ["more_info"] = $"https://www.twilio.com/docs/errors/{code}", ["status"] = (int)status,
        });

    private static async Task JsonAsync(HttpContext context, HttpStatusCode status, object body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private sealed record ScriptedAnswer(HttpStatusCode? Status, int? Code, string? Message, TimeSpan? RetryAfter, TimeSpan? Delay);
}

/// <summary>One request as the fake received it; <see cref="Form"/> keeps repeated fields and their order.</summary>
public sealed record RecordedTwilioRequest(
    string Method,
    string Path,
    string Query,
    string Authorization,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Form,
    DateTimeOffset ReceivedAt)
{
    /// <summary>Every value of a form field, in the order sent.</summary>
    public IReadOnlyList<string> Values(string name) => Form.Where(p => p.Key == name).Select(p => p.Value).ToList();

    /// <summary>The field's single value; null when absent.</summary>
    public string? Value(string name) => Form.Where(p => p.Key == name).Select(p => p.Value).SingleOrDefault();
}
