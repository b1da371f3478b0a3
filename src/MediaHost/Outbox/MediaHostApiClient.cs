using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Hosting;

namespace ProSaaS.MediaHost.Outbox;

/// <summary>
/// The Api's internal call routes (<see cref="MediaHostContract"/>) over HTTP, with the service key on every request. It
/// sends one request and hands back the answer; timeouts and retries are the caller's (each use has its own policy).
/// </summary>
public sealed class MediaHostApiClient(IHttpClientFactory httpClientFactory, IOptions<ApiOptions> options)
{
    /// <summary>The name of the <see cref="HttpClient"/> configured for the Api.</summary>
    public const string HttpClientName = "ProSaaS.Api";

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private static readonly MediaTypeHeaderValue Wav = new("audio/wav");

    private readonly Uri _baseAddress = WithTrailingSlash(options.Value.BaseUrl);

    public Task<HttpResponseMessage> GetConfigAsync(string tenantId, Guid callId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, MediaHostContract.ConfigPath(tenantId, callId), content: null, HttpCompletionOption.ResponseContentRead, cancellationToken);

    /// <summary>POSTs a command already serialised as the contract's JSON (with its <c>type</c>).</summary>
    public Task<HttpResponseMessage> PostCommandAsync(string tenantId, Guid callId, byte[] commandJson, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(commandJson);
        content.Headers.ContentType = Json;
        return SendAsync(HttpMethod.Post, MediaHostContract.CommandsPath(tenantId, callId), content, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>POSTs a tool call already serialised as the contract's JSON (<see cref="CallToolRequest"/>).</summary>
    public Task<HttpResponseMessage> PostToolAsync(string tenantId, Guid callId, byte[] requestJson, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(requestJson);
        content.Headers.ContentType = Json;
        return SendAsync(HttpMethod.Post, MediaHostContract.ToolsPath(tenantId, callId), content, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    public Task<HttpResponseMessage> PostHeartbeatAsync(string tenantId, Guid callId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, MediaHostContract.HeartbeatPath(tenantId, callId), content: null, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    /// <summary>PUTs a WAV, streamed from <paramref name="wav"/> (which must be seekable, for its length).</summary>
    public Task<HttpResponseMessage> PutRecordingAsync(string tenantId, Guid callId, Stream wav, CancellationToken cancellationToken)
    {
        var content = new StreamContent(wav, 64 * 1024);
        content.Headers.ContentType = Wav;
        content.Headers.ContentLength = wav.Length;
        return SendAsync(HttpMethod.Put, MediaHostContract.RecordingPath(tenantId, callId), content, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content,
        HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_baseAddress, path.TrimStart('/'))) { Content = content };
        return await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
