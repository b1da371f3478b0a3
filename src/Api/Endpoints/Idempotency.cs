using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProSaaS.Api.Auth;
using ProSaaS.Api.Errors;
using ProSaaS.Application.Common.Idempotency;

namespace ProSaaS.Api.Endpoints;

/// <summary>
/// <c>Idempotency-Key</c> on creating endpoints: the same key with the same body answers the first answer again
/// (marked <c>Idempotent-Replayed: true</c>) without doing the work twice; the same key with another body is 422;
/// a duplicate arriving while the first is still running is 409. A request that failed frees its key.
/// </summary>
public static class Idempotency
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    public static RouteHandlerBuilder WithIdempotency<TBody>(this RouteHandlerBuilder builder) =>
        builder
            .AddEndpointFilter(async (context, next) => await FilterAsync<TBody>(context, next))
            .WithMetadata(new IdempotentEndpoint())
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>Marks the endpoint for the OpenAPI description.</summary>
    public sealed class IdempotentEndpoint;

    private static async ValueTask<object?> FilterAsync<TBody>(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[HeaderName].ToString();
        var tenantId = http.User.FindFirstValue(AuthClaims.TenantId);
        if (string.IsNullOrEmpty(key) || tenantId is null)
        {
            return await next(context);
        }

        if (key.Length > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid Idempotency-Key", "idempotency.key_invalid",
                $"מפתח ה-Idempotency-Key חייב להכיל 1–{MaxKeyLength} תווים גלויים (ASCII).");
        }

        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var body = context.Arguments.OfType<TBody>().FirstOrDefault();
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{http.Request.Method} {http.Request.Path}\n{JsonSerializer.Serialize(body, json)}")));
        var store = http.RequestServices.GetRequiredService<IIdempotencyStore>();
        var claim = await store.ClaimAsync(tenantId, key, fingerprint, http.RequestAborted);
        switch (claim.State)
        {
            case IdempotencyClaimState.Mismatch:
                return Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused with another request", "idempotency.key_reused",
                    "מפתח ה-Idempotency-Key כבר שימש לבקשה אחרת; השתמשו במפתח חדש לכל בקשה.");
            case IdempotencyClaimState.InProgress:
                http.Response.Headers.RetryAfter = "1";
                return Problem(StatusCodes.Status409Conflict, "The same request is still being processed", "idempotency.in_progress",
                    "בקשה זהה עדיין בטיפול; נסו שוב בעוד רגע.");
            case IdempotencyClaimState.Completed:
                var stored = claim.Response!;
                http.Response.Headers[ReplayedHeader] = "true";
                if (stored.Location is not null)
                {
                    http.Response.Headers.Location = stored.Location;
                }

                return Results.Text(stored.Body ?? "", "application/json", Encoding.UTF8, stored.StatusCode);
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await store.ReleaseAsync(tenantId, key, CancellationToken.None);
            throw;
        }

        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        if (status >= 400)
        {
            await store.ReleaseAsync(tenantId, key, CancellationToken.None);
            return result;
        }

        var value = result is IValueHttpResult { Value: { } v } ? JsonSerializer.Serialize(v, v.GetType(), json) : null;
        var location = result?.GetType().GetProperty("Location")?.GetValue(result) as string;
        await store.CompleteAsync(tenantId, key, new StoredResponse(status, value, location), CancellationToken.None);
        return result;
    }

    private static IResult Problem(int status, string title, string code, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });
}
