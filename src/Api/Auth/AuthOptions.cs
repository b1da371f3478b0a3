namespace ProSaaS.Api.Auth;

/// <summary>Settings of dashboard sessions and sign-in (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>How long a dashboard session lasts without activity (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Sign-in attempts allowed per client address per minute; more answer 429.</summary>
    public int SignInPermitsPerMinute { get; set; } = 10;

    /// <summary>
    /// Local development over plain http://localhost only: cookies lose the Secure flag and the <c>__Host-</c> prefix
    /// (which browsers refuse without Secure). Never set where the Api is reachable from elsewhere; behind TLS keep false.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }
}
