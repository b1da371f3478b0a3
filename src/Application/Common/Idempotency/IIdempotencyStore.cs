namespace ProSaaS.Application.Common.Idempotency;

/// <summary>
/// Remembers the answer given to a request carrying an <c>Idempotency-Key</c>, per business, so that a retried request
/// gets the first answer instead of doing the work twice. Keys are kept for <see cref="Retention"/>.
/// </summary>
public interface IIdempotencyStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>Claims the key for a request with this fingerprint, or reports what the key already holds.</summary>
    Task<IdempotencyClaim> ClaimAsync(string tenantId, string key, string fingerprint, CancellationToken cancellationToken);

    Task CompleteAsync(string tenantId, string key, StoredResponse response, CancellationToken cancellationToken);

    /// <summary>Frees a claimed key whose request failed, so that a corrected retry may use it.</summary>
    Task ReleaseAsync(string tenantId, string key, CancellationToken cancellationToken);
}

public enum IdempotencyClaimState
{
    /// <summary>The key is new: run the request, then complete or release it.</summary>
    Claimed,

    /// <summary>The same request was answered before: replay <see cref="IdempotencyClaim.Response"/>.</summary>
    Completed,

    /// <summary>The same request is running right now.</summary>
    InProgress,

    /// <summary>The key was used for a different request.</summary>
    Mismatch,
}

public sealed record IdempotencyClaim(IdempotencyClaimState State, StoredResponse? Response = null);

public sealed record StoredResponse(int StatusCode, string? Body, string? Location);
