namespace ProSaaS.Infrastructure.Files;

/// <summary>Configuration section <c>Storage</c>: where file contents live and how often deleted ones are swept.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// The folder of the disk store. Relative paths are taken from the host's content root; the default
    /// <c>.state/files</c> therefore lands beside the Api's other local state. Use an absolute path in production.
    /// </summary>
    public string Path { get; set; } = ".state/files";

    /// <summary>How often the periodic sweep deletes the blobs of removed attachments.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a blob being uploaded may stay without the attachment row that claims it before the sweep deletes it
    /// (a crash mid-upload). Longer than any upload can take.
    /// </summary>
    public TimeSpan UploadGracePeriod { get; set; } = TimeSpan.FromHours(1);
}
