namespace ProSaaS.Api.Hosting;

/// <summary>
/// How the Api reaches PostgreSQL. The connection string is <c>ConnectionStrings:Postgres</c>; the rest is the
/// <c>Database</c> section.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Name of the connection string: <c>ConnectionStrings:Postgres</c>.</summary>
    public const string ConnectionStringName = "Postgres";

    /// <summary>Used when <c>ConnectionStrings:Postgres</c> is not set: the PostgreSQL that <c>./prosaas up</c> starts.</summary>
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Database=prosaas;Username=prosaas;Password=prosaas";

    /// <summary>
    /// <c>Database:StartupTimeout</c> (default 00:01:00): how long start-up keeps retrying, every
    /// <see cref="RetryInterval"/>, while PostgreSQL does not accept connections, before the process gives up.
    /// </summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <c>Database:MigrateOnStartup</c> (default true): apply pending schema migrations before anything else starts.
    /// Turn it off only where another process owns the schema.
    /// </summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Pause between two attempts to reach PostgreSQL at start-up.</summary>
    public static TimeSpan RetryInterval { get; } = TimeSpan.FromSeconds(2);

    public static string ResolveConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        return string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured;
    }
}
