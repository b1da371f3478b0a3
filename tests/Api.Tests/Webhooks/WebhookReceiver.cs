using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ProSaaS.Api.Tests.Webhooks;

/// <summary>
/// A third party's webhook endpoint: a real HTTP server on 127.0.0.1 and a random port that records every request and
/// answers with the status <see cref="Respond"/> picks (by the number of the request, from 1).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public Func<int, int> Respond { get; set; } = _ => 200;

    /// <summary>Awaited before a request (by its number) is answered: a slow receiver, for as long as a test likes.</summary>
    public Func<int, Task> Hold { get; set; } = _ => Task.CompletedTask;

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync(Func<int, int>? respond = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        if (respond is not null)
        {
            receiver.Respond = respond;
        }

        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var number = Interlocked.Increment(ref receiver._count);
            receiver.Received.Enqueue(new ReceivedWebhook(
                number, context.Request.Method, context.Request.Path, Header(context, "webhook-id"), Header(context, "webhook-timestamp"),
                Header(context, "webhook-signature"), context.Request.ContentType, Header(context, "user-agent"), body, DateTimeOffset.UtcNow));
            await receiver.Hold(number);
            var status = receiver.Respond(number);
            context.Response.StatusCode = status;
            if (status is >= 300 and < 400)
            {
                context.Response.Headers.Location = "http://127.0.0.1:1/elsewhere";
            }

            await context.Response.WriteAsync(status is >= 200 and < 300 ? "התקבל" : $"תקלה {number}");
        });
        await app.StartAsync();
        receiver.Url = app.Urls.Single().TrimEnd('/') + "/hooks/prosaas";
        return receiver;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests matching <paramref name="filter"/> arrived.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, Func<ReceivedWebhook, bool>? filter = null, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var matching = Received.Where(r => filter is null || filter(r)).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} webhook requests, received {matching.Count} of {Received.Count}.");
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string? Header(HttpContext context, string name) =>
        context.Request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;
}

public sealed record ReceivedWebhook(
    int Number, string Method, string Path, string? Id, string? Timestamp, string? Signature, string? ContentType, string? UserAgent,
    string Body, DateTimeOffset ReceivedAt)
{
    /// <summary>
    /// Standard Webhooks verification, written from the specification and independent of the platform's code: the
    /// timestamp is within five minutes, and one of the space-separated <c>v1,</c> signatures is the base64 HMAC-SHA256
    /// of <c>{id}.{timestamp}.{body}</c> keyed with the base64-decoded part of the secret after <c>whsec_</c>.
    /// </summary>
    public bool IsSignedWith(string secret)
    {
        if (Id is null || Timestamp is null || Signature is null || !long.TryParse(Timestamp, out var seconds)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }

        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.{Body}"));
        return Signature.Split(' ').Any(candidate =>
            candidate.StartsWith("v1,", StringComparison.Ordinal)
            && TryBase64(candidate[3..], out var presented)
            && CryptographicOperations.FixedTimeEquals(presented, expected));
    }

    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement.Clone();

    private static bool TryBase64(string text, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
