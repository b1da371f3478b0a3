using System.Buffers;
using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Hosting;
using ProSaaS.MediaHost.Twilio;

namespace ProSaaS.MediaHost.Calls;

/// <summary>
/// <c>/media</c>: Twilio's bidirectional media stream of a call (PROTOCOLS.md §1). The stream is served only after its
/// <c>start</c> message carries a valid stream token (signed by the Api with the shared key, not expired) naming the same
/// call as its <c>callId</c> parameter; otherwise the socket is closed (policy violation) before anything is fetched or
/// forwarded. Then the call's configuration is fetched once and the call runs in its own <see cref="CallSession"/>.
/// </summary>
public sealed partial class MediaStreamEndpoint
{
    public const string Path = "/media";

    private const int MaxHandshakeMessageBytes = 64 * 1024;

    private readonly CallSessionServices _services;
    private readonly LiveCallSessions _sessions;
    private readonly MediaHostOptions _options;
    private readonly ILogger<MediaStreamEndpoint> _logger;
    private readonly byte[] _key;

    public MediaStreamEndpoint(CallSessionServices services, LiveCallSessions sessions, IOptions<MediaHostOptions> options,
        ILogger<MediaStreamEndpoint> logger)
    {
        _services = services;
        _sessions = sessions;
        _options = options.Value;
        _logger = logger;
        if (!StreamToken.TryParseKey(_options.StreamTokenKey, out _key))
        {
            _key = [];
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Problem(context, StatusCodes.Status400BadRequest, "media.websocket_required",
                "הכתובת הזאת מקבלת רק זרם מדיה של Twilio ב-WebSocket.").ConfigureAwait(false);
            return;
        }

        var configs = context.RequestServices.GetService<ICallConfigSource>();
        var outbox = context.RequestServices.GetService<ICallOutbox>();
        var liveCalls = context.RequestServices.GetService<ILiveCalls>();
        if (configs is null || outbox is null || liveCalls is null)
        {
            LogNotConfigured(_logger);
            await Problem(context, StatusCodes.Status503ServiceUnavailable, "media.not_configured",
                "שרת המדיה אינו מחובר ל-Api ואינו יכול לקבל שיחות.").ConfigureAwait(false);
            return;
        }

        if (_sessions.IsDraining)
        {
            await Problem(context, StatusCodes.Status503ServiceUnavailable, "media.shutting_down",
                "שרת המדיה בתהליך כיבוי ואינו מקבל שיחות חדשות.").ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var start = await ReadStartAsync(socket, context.RequestAborted).ConfigureAwait(false);
        if (start is not { } started)
        {
            await CloseAsync(socket, WebSocketCloseStatus.PolicyViolation, "start expected").ConfigureAwait(false);
            return;
        }

        if (!TryVerify(started, out var claims))
        {
            LogRefused(_logger, started.StreamSid);
            await CloseAsync(socket, WebSocketCloseStatus.PolicyViolation, "invalid stream token").ConfigureAwait(false);
            return;
        }

        if (_sessions.Contains(claims.CallId) || _sessions.IsDraining)
        {
            LogDuplicate(_logger, claims.CallId);
            await CloseAsync(socket, WebSocketCloseStatus.PolicyViolation, "call already streaming").ConfigureAwait(false);
            return;
        }

        CallSession session;
        try
        {
            var config = await configs.GetAsync(claims.TenantId, claims.CallId, context.RequestAborted).ConfigureAwait(false);
            if (config.CallId != claims.CallId || config.TenantId != claims.TenantId)
            {
                throw new CallConfigUnavailableException(claims.CallId,
                    new InvalidOperationException("The configuration returned is of another call."));
            }

            session = CallSession.Create(_services, socket, started.StreamSid ?? string.Empty, config, outbox, liveCalls);
        }
        catch (CallNotLiveException)
        {
            LogNotLive(_logger, claims.CallId);
            await CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "call not live").ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            LogConfigUnavailable(_logger, e, claims.CallId);
            session = CallSession.CreateWithoutConfig(_services, socket, started.StreamSid ?? string.Empty, claims.CallId, claims.TenantId,
                outbox, liveCalls);
        }

        if (!_sessions.TryAdd(session))
        {
            await CloseAsync(socket, WebSocketCloseStatus.EndpointUnavailable, "not accepting calls").ConfigureAwait(false);
            return;
        }

        try
        {
            await session.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _sessions.Remove(session);
        }
    }

    private bool TryVerify(TwilioStreamEvent start, out StreamTokenClaims claims)
    {
        claims = default;
        var parameters = start.CustomParameters;
        return _key.Length > 0
            && parameters is not null
            && parameters.TryGetValue("token", out var token)
            && parameters.TryGetValue("callId", out var callIdText)
            && Guid.TryParse(callIdText, out var callId)
            && StreamToken.TryVerify(_key, token, _services.Clock.GetUtcNow(), out claims)
            && claims.CallId == callId
            && !string.IsNullOrEmpty(start.StreamSid);
    }

    /// <summary>Reads <c>connected</c> (optional) then <c>start</c> within the start timeout; null on anything else.</summary>
    private async Task<TwilioStreamEvent?> ReadStartAsync(WebSocket socket, CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.StartTimeoutSeconds));
        var buffer = ArrayPool<byte>.Shared.Rent(8 * 1024);
        try
        {
            for (var messages = 0; messages < 4; messages++)
            {
                var filled = 0;
                WebSocketReceiveResult result;
                do
                {
                    if (filled == buffer.Length)
                    {
                        if (filled >= MaxHandshakeMessageBytes)
                        {
                            return null;
                        }

                        var larger = ArrayPool<byte>.Shared.Rent(filled * 2);
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, filled, buffer.Length - filled), timeout.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return null;
                    }

                    filled += result.Count;
                }
                while (!result.EndOfMessage);

                var message = TwilioStreamMessages.Parse(buffer.AsSpan(0, filled));
                switch (message.Kind)
                {
                    case TwilioStreamEventKind.Connected:
                        continue;
                    case TwilioStreamEventKind.Start:
                        return message;
                    default:
                        return null;
                }
            }

            return null;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string description)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseAsync(status, description, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
    }

    private static Task Problem(HttpContext context, int status, string code, string detail) =>
        Results.Problem(statusCode: status, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code })
            .ExecuteAsync(context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A media stream ({StreamSid}) was refused: its stream token is missing, invalid, expired or of another call")]
    private static partial void LogRefused(ILogger logger, string? streamSid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A second media stream of call {CallId} was refused")]
    private static partial void LogDuplicate(ILogger logger, Guid callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} is not live according to the Api; its stream was closed")]
    private static partial void LogNotLive(ILogger logger, Guid callId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The configuration of call {CallId} could not be fetched; the caller hears the fallback message")]
    private static partial void LogConfigUnavailable(ILogger logger, Exception exception, Guid callId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A media stream arrived but the Api ports (configuration, outbox, live calls) are not registered")]
    private static partial void LogNotConfigured(ILogger logger);
}
