using Microsoft.Extensions.Options;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Api.Telephony;

/// <summary>
/// Configuration section <c>MediaHost</c>, as the Api reads it: where the telephony provider opens a call's media stream,
/// and the key of the stream tokens the media host checks (the same key configured there).
/// </summary>
public sealed class MediaHostOptions
{
    public const string Section = "MediaHost";

    /// <summary>The address used in Development when none is configured.</summary>
    public const string DevelopmentStreamUrl = "wss://localhost:5090/media";

    /// <summary>The media host's public WebSocket address for Twilio (<c>wss://…/media</c>, no query string).</summary>
    public string PublicStreamUrl { get; set; } = string.Empty;

    /// <summary>The stream token key shared with the media host: base64 of at least 32 random bytes.</summary>
    public string StreamTokenKey { get; set; } = string.Empty;

    /// <summary>
    /// The media host's service credential for the internal call routes (<c>X-ProSaaS-Service-Key</c>): base64 of at least
    /// 32 random bytes, the same as <c>Api:ServiceKey</c> in the media host. Unset: every internal request is refused.
    /// </summary>
    public string ServiceKey { get; set; } = string.Empty;

    /// <summary>How long a stream token is good for: the time between the answer and the stream's start.</summary>
    public TimeSpan StreamTokenLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The problems of the settings as given; in Development a missing address or key is allowed (a default and a random key stand in).</summary>
    public IEnumerable<string> Problems(bool development)
    {
        if (string.IsNullOrWhiteSpace(PublicStreamUrl))
        {
            if (!development)
            {
                yield return $"{Section}:PublicStreamUrl is required: the media host's public wss:// address that calls are connected to.";
            }
        }
        else if (!IsStreamUrl(PublicStreamUrl))
        {
            yield return $"{Section}:PublicStreamUrl must be an absolute wss:// address without a query string; it is '{PublicStreamUrl}'.";
        }

        if (string.IsNullOrWhiteSpace(StreamTokenKey))
        {
            if (!development)
            {
                yield return $"{Section}:StreamTokenKey is required: base64 of at least {StreamToken.MinKeyBytes} random bytes, the same in the media host.";
            }
        }
        else if (!StreamToken.TryParseKey(StreamTokenKey, out _))
        {
            yield return $"{Section}:StreamTokenKey must be base64 of at least {StreamToken.MinKeyBytes} bytes.";
        }

        if (string.IsNullOrWhiteSpace(ServiceKey))
        {
            if (!development)
            {
                yield return $"{Section}:ServiceKey is required: base64 of at least {MediaHostContract.MinServiceKeyBytes} random bytes, the same as Api:ServiceKey in the media host.";
            }
        }
        else if (!MediaHostContract.IsValidServiceKey(ServiceKey))
        {
            yield return $"{Section}:ServiceKey must be base64 of at least {MediaHostContract.MinServiceKeyBytes} bytes.";
        }

        if (StreamTokenLifetime <= TimeSpan.Zero || StreamTokenLifetime > TimeSpan.FromMinutes(10))
        {
            yield return $"{Section}:StreamTokenLifetime must be more than zero and at most 10 minutes; it is {StreamTokenLifetime}.";
        }
    }

    private static bool IsStreamUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == "wss" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}

/// <summary>Where a call's media stream goes and the signed token it carries there.</summary>
public sealed partial class MediaStreams
{
    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;

    public MediaStreams(IOptions<MediaHostOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<MediaStreams> logger)
    {
        var settings = options.Value;
        var problems = settings.Problems(environment.IsDevelopment()).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        StreamUrl = new Uri(string.IsNullOrWhiteSpace(settings.PublicStreamUrl) ? MediaHostOptions.DevelopmentStreamUrl : settings.PublicStreamUrl.Trim());
        if (!StreamToken.TryParseKey(settings.StreamTokenKey, out _key))
        {
            // Development only (the settings' check refuses it elsewhere): a media host in another process cannot check
            // these tokens unless it is given the same key, which ./prosaas up does.
            _key = Convert.FromBase64String(StreamToken.NewKey());
            LogRandomKey(logger);
        }

        _lifetime = settings.StreamTokenLifetime;
        _clock = clock;
    }

    public Uri StreamUrl { get; }

    public string IssueToken(Guid callId, string tenantId) => StreamToken.Issue(_key, callId, tenantId, _clock.GetUtcNow() + _lifetime);

    /// <summary>For tests and tools of this process: checks a token against this process's key.</summary>
    public bool TryVerify(string? token, out StreamTokenClaims claims) => StreamToken.TryVerify(_key, token, _clock.GetUtcNow(), out claims);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "MediaHost:StreamTokenKey is not set: stream tokens are signed with a random key of this process (Development only)")]
    private static partial void LogRandomKey(ILogger logger);
}
