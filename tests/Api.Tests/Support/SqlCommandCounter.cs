using System.Collections.Concurrent;
using System.Diagnostics;

namespace ProSaaS.Api.Tests.Support;

/// <summary>
/// Counts the SQL commands the Api runs for one request, from Npgsql's own tracing: each request is sent with a W3C
/// <c>traceparent</c> of its own, the Api's request activity continues that trace, and every Npgsql command activity
/// under it carries the trace id. Commands of other requests, of other tests and of background work (the due scan,
/// the projection daemon) are in other traces and are not counted.
/// </summary>
public sealed class SqlCommandCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<ActivityTraceId, ConcurrentQueue<string>> _commands = new();

    public SqlCommandCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && IsCommand(activity))
                {
                    _commands.GetOrAdd(activity.TraceId, _ => new ConcurrentQueue<string>()).Enqueue(StatementOf(activity));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Sends a GET and answers the response with the statements the Api ran for it.</summary>
    public async Task<(HttpResponseMessage Response, IReadOnlyList<string> Commands)> GetAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(client, request);
    }

    /// <summary>Sends a request and answers the response with the statements the Api ran for it.</summary>
    public async Task<(HttpResponseMessage Response, IReadOnlyList<string> Commands)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var traceId = ActivityTraceId.CreateRandom();
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response, _commands.TryGetValue(traceId, out var commands) ? commands.ToList() : []);
    }

    public void Dispose() => _listener.Dispose();

    // Npgsql also traces opening physical connections, which depends on the pool's state rather than on the request.
    private static bool IsCommand(Activity activity) =>
        activity.GetTagItem("db.query.text") is not null || activity.GetTagItem("db.statement") is not null;

    private static string StatementOf(Activity activity) =>
        (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement"))?.ToString() ?? activity.DisplayName;
}
