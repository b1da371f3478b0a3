namespace ProSaaS.Application.Files;

/// <summary>
/// A file accepted and stored, not yet attached to anything: <see cref="ContentType"/> is the sniffed type,
/// <see cref="Sha256"/> the lower-case hex digest of its bytes.
/// </summary>
public sealed record ReceivedFile(string FileName, string ContentType, long SizeBytes, string Sha256, string StorageKey);
