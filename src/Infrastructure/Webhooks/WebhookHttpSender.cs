using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using ProSaaS.Domain.Webhooks;

namespace ProSaaS.Infrastructure.Webhooks;

/// <summary>
/// POSTs signed webhook messages. Redirects are not followed and no proxy is used; every connection resolves the host
/// itself and, unless private targets are allowed, refuses it when any of its addresses is not public — so a name
/// that later resolves into the platform's network (DNS rebinding) is caught at the moment of connecting.
/// </summary>
public sealed class WebhookHttpSender : IDisposable
{
    public const string UserAgent = "ProSaaS-Webhooks/1";
    private const int ExcerptBytes = 1024;
    private const int ExcerptChars = 300;

    private readonly WebhookOptions _options;
    private readonly TimeProvider _clock;
    private readonly HttpClient _client;

    public WebhookHttpSender(IOptions<WebhookOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<WebhookAttemptResult> SendAsync(string url, string messageId, string secret, string body, CancellationToken cancellationToken)
    {
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("webhook-id", messageId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSignature.Sign(secret, messageId, timestamp, body));
        request.Headers.TryAddWithoutValidation("user-agent", UserAgent);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.RequestTimeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            var excerpt = await ReadExcerptAsync(response, deadline.Token);
            var succeeded = status is >= 200 and < 300;
            return new WebhookAttemptResult(succeeded, status, Elapsed(watch), succeeded ? null : DescribeStatus(status), excerpt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttemptResult(false, null, Elapsed(watch),
                $"לא התקבלה תשובה תוך {_options.RequestTimeout.TotalSeconds:0.#} שניות.", null);
        }
        catch (HttpRequestException ex) when (FindRefusal(ex) is { } refusal)
        {
            return new WebhookAttemptResult(false, null, Elapsed(watch), refusal.Message, null);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttemptResult(false, null, Elapsed(watch), Shorten("החיבור נכשל: " + (ex.InnerException?.Message ?? ex.Message)), null);
        }
    }

    public void Dispose() => _client.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (!_options.AllowPrivateTargets && !addresses.All(WebhookTargetRules.IsPublicAddress))
        {
            throw new WebhookTargetRefusedException();
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private static WebhookTargetRefusedException? FindRefusal(Exception ex)
    {
        for (var current = ex.InnerException; current is not null; current = current.InnerException)
        {
            if (current is WebhookTargetRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private static async Task<string?> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[ExcerptBytes];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            return read == 0 ? null : Shorten(Encoding.UTF8.GetString(buffer, 0, read));
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return null;
        }
    }

    private static string DescribeStatus(int status) => status is >= 300 and < 400
        ? $"תשובת HTTP {status}: הפניות אינן נעקבות; יש לעדכן את הכתובת."
        : $"תשובת HTTP {status}.";

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= ExcerptChars ? oneLine : oneLine[..ExcerptChars] + "…";
    }

    private static int Elapsed(Stopwatch watch) => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);
}

/// <summary>The outcome of one attempt, as the delivery log records it.</summary>
public sealed record WebhookAttemptResult(bool Succeeded, int? StatusCode, int DurationMs, string? Error, string? ResponseExcerpt);

/// <summary>The endpoint's host resolved to an address webhooks may not be sent to.</summary>
public sealed class WebhookTargetRefusedException() : IOException(WebhookTargetRules.PrivateTargetMessage);
