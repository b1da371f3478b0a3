using ProSaaS.Application.Common.Errors;

namespace ProSaaS.Application.Files;

public enum FileRejection
{
    /// <summary>Over <see cref="FileIntake.MaxBytes"/> (HTTP 413).</summary>
    TooLarge,

    /// <summary>The bytes are of no allowed type (HTTP 415).</summary>
    TypeNotAllowed,

    /// <summary>The declared Content-Type or the name's extension contradicts the bytes (HTTP 415).</summary>
    TypeMismatch,

    /// <summary>No bytes at all (HTTP 422).</summary>
    Empty,
}

/// <summary>An uploaded file was refused; nothing of it is kept.</summary>
public sealed class FileRejectedException(FileRejection reason, string message) : AppException(message)
{
    public FileRejection Reason { get; } = reason;

    public string Code => Reason switch
    {
        FileRejection.TooLarge => "file.too_large",
        FileRejection.TypeNotAllowed => "file.type_not_allowed",
        FileRejection.TypeMismatch => "file.type_mismatch",
        _ => "file.empty",
    };
}
