namespace ProSaaS.Application.Common.Errors;

/// <summary>An expected failure that the hosts translate into a clear answer (HTTP problem details, a spoken reply).</summary>
public abstract class AppException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Input failed validation; <see cref="Errors"/> lists every invalid field and all its problems.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : AppException("One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

public sealed class NotFoundException(string resource, object key)
    : AppException($"{resource} '{key}' was not found.")
{
    public string Resource { get; } = resource;
    public object Key { get; } = key;
}

/// <summary>A write lost a race: the stream was not at the version the writer expected.</summary>
public sealed class ConcurrencyException(Guid streamId, long? expectedVersion, long? actualVersion)
    : AppException(expectedVersion is null
        ? $"Stream {streamId} already exists."
        : $"Stream {streamId} was expected at version {expectedVersion} but is at {actualVersion?.ToString() ?? "none"}.")
{
    public Guid StreamId { get; } = streamId;
    public long? ExpectedVersion { get; } = expectedVersion;
    public long? ActualVersion { get; } = actualVersion;
}

/// <summary>A business rule refused the operation.</summary>
public sealed class BusinessRuleException(string code, string message, Exception? inner = null)
    : AppException(message, inner)
{
    public string Code { get; } = code;
}

/// <summary>The caller is known but may not do this (HTTP 403). Never used to hide another tenant's data: that is a 404.</summary>
public sealed class ForbiddenException(string message) : AppException(message);

/// <summary>The request conflicts with existing data, e.g. a phone number already given to a business (HTTP 409).</summary>
public sealed class ConflictException(string code, string message) : AppException(message)
{
    public string Code { get; } = code;
}

/// <summary>Credentials were not accepted (HTTP 401). The message never says which part was wrong.</summary>
public sealed class AuthenticationFailedException(string message, DateTimeOffset? lockedUntil = null) : AppException(message)
{
    public DateTimeOffset? LockedUntil { get; } = lockedUntil;
}
