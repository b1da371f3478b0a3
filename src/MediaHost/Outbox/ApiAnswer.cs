using System.Net;
using System.Text;
using System.Text.Json;

namespace ProSaaS.MediaHost.Outbox;

public enum ApiAnswerKind
{
    /// <summary>The Api has it (2xx).</summary>
    Accepted,

    /// <summary>Worth trying again: the Api was away, busy, slow or failed inside.</summary>
    Retry,

    /// <summary>The Api will never take it as it is; trying again cannot help.</summary>
    Refused,
}

/// <summary>What one request to the Api came to, with what the Api said about a refusal.</summary>
public sealed record ApiAnswer(ApiAnswerKind Kind, int Status, string? Detail, TimeSpan? RetryAfter)
{
    /// <summary>
    /// How the outbox treats an answer. Refused for good: 400 (malformed), 404 (unknown call), 413 (too large),
    /// 415 (not a WAV), any other 4xx not listed below, and a 409 that names a rule (a problem <c>code</c>, e.g. a different
    /// recording is already stored). Retried: 408, 425, 429, 5xx, a 409 without a code (a concurrent write in the Api), and
    /// 401/403 (the service key is wrong: a configuration error that is fixed without losing what waits).
    /// </summary>
    public static ApiAnswerKind Classify(int status, bool namesARule) => status switch
    {
        >= 200 and < 300 => ApiAnswerKind.Accepted,
        401 or 403 or 408 or 425 or 429 => ApiAnswerKind.Retry,
        409 => namesARule ? ApiAnswerKind.Refused : ApiAnswerKind.Retry,
        >= 400 and < 500 => ApiAnswerKind.Refused,
        _ => ApiAnswerKind.Retry,
    };

    /// <summary>Reads what is needed of a response (a refusal's body, at most a few KB) and classifies it.</summary>
    public static async Task<ApiAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return new ApiAnswer(ApiAnswerKind.Accepted, status, null, null);
        }

        var body = await ReadSomeAsync(response, cancellationToken).ConfigureAwait(false);
        var code = ProblemCode(body);
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        return new ApiAnswer(Classify(status, code is not null), status, Summary(response.StatusCode, code, body),
            retryAfter is { } wait && wait > TimeSpan.Zero ? wait : null);
    }

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        const int Limit = 4096;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[Limit];
        var read = 0;
        while (read < Limit)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static string? ProblemCode(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                    ? code.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Summary(HttpStatusCode status, string? code, string body)
    {
        var text = $"{(int)status} {status}";
        if (code is not null)
        {
            text += $" ({code})";
        }

        return string.IsNullOrWhiteSpace(body) ? text : $"{text}: {body}";
    }
}
