using ProSaaS.Hosting.Calls;

namespace ProSaaS.MediaHost.Hosting;

/// <summary>The <c>MediaHost</c> section: how this process serves the calls' media streams.</summary>
public sealed class MediaHostOptions
{
    public const string Section = "MediaHost";

    /// <summary>
    /// <c>MediaHost:StreamTokenKey</c>: base64 of at least 32 bytes, the same value as the Api's
    /// <c>MediaHost:StreamTokenKey</c> (one environment variable, <c>MediaHost__StreamTokenKey</c>, serves both). Required
    /// outside Development; without it every stream is refused.
    /// </summary>
    public string StreamTokenKey { get; set; } = string.Empty;

    /// <summary><c>MediaHost:DrainSeconds</c> (default 30): on shutdown, how long live calls may go on before they are ended with <c>shutdown</c>.</summary>
    public int DrainSeconds { get; set; } = 30;

    /// <summary><c>MediaHost:RecordingsPath</c> (default <c>prosaas-recordings</c> under the temp folder): where call recordings are written before the outbox uploads them.</summary>
    public string RecordingsPath { get; set; } = Path.Combine(Path.GetTempPath(), "prosaas-recordings");

    /// <summary><c>MediaHost:StartTimeoutSeconds</c> (default 10): how long a new stream may take to send <c>start</c>.</summary>
    public int StartTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// <c>MediaHost:StreamIdleSeconds</c> (default 15; 0 turns it off): a stream Twilio has sent nothing on for this long
    /// (it sends a frame every 20 ms) is taken as lost.
    /// </summary>
    public int StreamIdleSeconds { get; set; } = 15;

    /// <summary><c>MediaHost:AiReconnectSeconds</c> (default 2): the time allowed to open (or reopen) the AI session before the caller hears the fallback message.</summary>
    public double AiReconnectSeconds { get; set; } = 2;

    /// <summary>
    /// <c>MediaHost:InboundQueueFrames</c> (default 150, three seconds): caller audio waiting for the AI; when full the oldest
    /// frame is dropped. It covers the opening (or reopening) of the AI session, whose budget is two seconds.
    /// </summary>
    public int InboundQueueFrames { get; set; } = 150;

    /// <summary><c>MediaHost:OutboundQueueDeltas</c> (default 256): assistant audio deltas waiting for Twilio; when full the AI socket is read no further until there is room.</summary>
    public int OutboundQueueDeltas { get; set; } = 256;

    /// <summary>
    /// <c>MediaHost:FramesPerMark</c> (default 1): 20 ms frames sent to Twilio per <c>media</c> message and mark. One frame
    /// makes a barge-in's truncation exact to 20 ms; more frames mean fewer messages and a coarser truncation.
    /// </summary>
    public int FramesPerMark { get; set; } = 1;

    /// <summary>The problems of the settings; a missing key is allowed in Development (every stream is then refused).</summary>
    public IEnumerable<string> Problems(bool development)
    {
        if (string.IsNullOrWhiteSpace(StreamTokenKey))
        {
            if (!development)
            {
                yield return $"{Section}:StreamTokenKey is required: base64 of at least {StreamToken.MinKeyBytes} random bytes, the same as the Api's.";
            }
        }
        else if (!StreamToken.TryParseKey(StreamTokenKey, out _))
        {
            yield return $"{Section}:StreamTokenKey must be base64 of at least {StreamToken.MinKeyBytes} bytes.";
        }

        if (DrainSeconds is < 0 or > 3600)
        {
            yield return $"{Section}:DrainSeconds must be between 0 and 3600; it is {DrainSeconds}.";
        }

        if (string.IsNullOrWhiteSpace(RecordingsPath))
        {
            yield return $"{Section}:RecordingsPath must name a folder.";
        }

        if (StartTimeoutSeconds is < 1 or > 120)
        {
            yield return $"{Section}:StartTimeoutSeconds must be between 1 and 120; it is {StartTimeoutSeconds}.";
        }

        if (StreamIdleSeconds is < 0 or > 3600)
        {
            yield return $"{Section}:StreamIdleSeconds must be between 0 and 3600; it is {StreamIdleSeconds}.";
        }

        if (AiReconnectSeconds is < 0.1 or > 30)
        {
            yield return $"{Section}:AiReconnectSeconds must be between 0.1 and 30; it is {AiReconnectSeconds}.";
        }

        if (InboundQueueFrames is < 5 or > 3000)
        {
            yield return $"{Section}:InboundQueueFrames must be between 5 and 3000; it is {InboundQueueFrames}.";
        }

        if (OutboundQueueDeltas is < 8 or > 10000)
        {
            yield return $"{Section}:OutboundQueueDeltas must be between 8 and 10000; it is {OutboundQueueDeltas}.";
        }

        if (FramesPerMark is < 1 or > 50)
        {
            yield return $"{Section}:FramesPerMark must be between 1 and 50; it is {FramesPerMark}.";
        }
    }
}

/// <summary>The <c>OpenAI</c> section: the realtime model the calls talk to.</summary>
public sealed class OpenAIOptions
{
    public const string Section = "OpenAI";

    /// <summary>
    /// <c>OpenAI:ApiKey</c>: sent as <c>Authorization: Bearer</c>. Empty: no authorization header is sent (a local stand-in
    /// at <see cref="RealtimeUrl"/>); the OpenAI service itself then refuses every session and callers hear the fallback
    /// message.
    /// </summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary><c>OpenAI:RealtimeUrl</c> (default <c>wss://api.openai.com/v1/realtime</c>); <c>?model=</c> is added.</summary>
    public Uri RealtimeUrl { get; set; } = new("wss://api.openai.com/v1/realtime");

    /// <summary><c>OpenAI:Model</c> (default <c>gpt-realtime</c>).</summary>
    public string Model { get; set; } = "gpt-realtime";

    /// <summary><c>OpenAI:TranscriptionModel</c> (default <c>gpt-4o-transcribe</c>): transcribes the caller's speech.</summary>
    public string TranscriptionModel { get; set; } = "gpt-4o-transcribe";

    public IEnumerable<string> Problems()
    {
        if (!RealtimeUrl.IsAbsoluteUri || RealtimeUrl.Scheme is not ("wss" or "ws"))
        {
            yield return $"{Section}:RealtimeUrl must be an absolute wss:// (or ws:// for a local stand-in) address; it is '{RealtimeUrl}'.";
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return $"{Section}:Model is required.";
        }

        if (string.IsNullOrWhiteSpace(TranscriptionModel))
        {
            yield return $"{Section}:TranscriptionModel is required.";
        }
    }

    /// <summary>The address a session is opened at: <see cref="RealtimeUrl"/> with <c>model</c> in its query.</summary>
    public Uri SessionUri()
    {
        var builder = new UriBuilder(RealtimeUrl);
        var model = "model=" + Uri.EscapeDataString(Model);
        builder.Query = string.IsNullOrEmpty(builder.Query) || builder.Query == "?" ? model : builder.Query.TrimStart('?') + "&" + model;
        return builder.Uri;
    }
}
