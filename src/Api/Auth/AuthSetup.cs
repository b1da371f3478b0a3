using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ProSaaS.Api.Errors;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Auth;

/// <summary>
/// Who may call what. Dashboard users hold an httpOnly, Secure, SameSite=Strict session cookie (signed and
/// encrypted by Data Protection, keys in PostgreSQL) plus a CSRF token for changes; third parties send
/// <c>Authorization: Bearer &lt;api key&gt;</c>. Policies are named after the lowest role they admit.
/// </summary>
public static class AuthSetup
{
    public const string SessionCookieName = "__Host-prosaas-session";
    public const string CsrfCookieName = "__Host-prosaas-csrf";
    private const string InsecureCookiePrefix = "__Host-";
    public const string SignInRateLimit = "sign-in";

    /// <summary>The internal call routes: the media host's service key, nothing else.</summary>
    public const string MediaHostPolicy = "service:media-host";

    public static string PolicyFor(Role role) => "role:" + role.ToWireName();

    public static IServiceCollection AddApiAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddSingleton(Options.Create(options));

        services.AddSingleton<PostgresXmlRepository>();
        services.AddDataProtection().SetApplicationName("ProSaaS");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = provider.GetRequiredService<PostgresXmlRepository>()));

        services.AddAuthentication(AuthClaims.SmartScheme)
            .AddPolicyScheme(AuthClaims.SmartScheme, "Session cookie or API key", o =>
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? AuthClaims.ApiKeyScheme
                        : AuthClaims.SessionScheme)
            .AddCookie(AuthClaims.SessionScheme, o =>
            {
                o.Cookie.Name = CookieName(SessionCookieName, options);
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = SecurePolicy(options);
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.Path = "/";
                o.ExpireTimeSpan = options.SessionLifetime;
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = context => WriteStatusAsync(context.HttpContext, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => WriteStatusAsync(context.HttpContext, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = SessionValidation.ValidateAsync,
                };
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthClaims.ApiKeyScheme, _ => { })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ServiceKeyAuthenticationHandler>(AuthClaims.ServiceKeyScheme, _ => { });

        services.AddAuthorization(o =>
        {
            o.AddPolicy(MediaHostPolicy, p => p
                .AddAuthenticationSchemes(AuthClaims.ServiceKeyScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(AuthClaims.Method, AuthClaims.ServiceMethod));
            foreach (var role in Enum.GetValues<Role>())
            {
                o.AddPolicy(PolicyFor(role), p => p
                    .AddAuthenticationSchemes(AuthClaims.SmartScheme)
                    .RequireAuthenticatedUser()
                    .RequireAssertion(c => AuthClaims.RoleOf(c.User) is { } actual && actual.IsAtLeast(role)));
            }
        });

        services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfMiddleware.HeaderName;
            o.Cookie.Name = CookieName(CsrfCookieName, options);
            o.Cookie.SecurePolicy = SecurePolicy(options);
            o.Cookie.SameSite = SameSiteMode.Strict;
            // The token travels in the header only: a request without it is refused without reading (and buffering) a
            // multipart body in search of a form field.
            o.SuppressReadingTokenFromFormBody = true;
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await ProblemResponses.WriteAsync(context.HttpContext, ProblemResponses.Create(
                    StatusCodes.Status429TooManyRequests, "Too many sign-in attempts", "יותר מדי ניסיונות התחברות; נסו שוב בעוד דקה"));
            };
            o.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, options.SignInPermitsPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        return services;
    }

    /// <summary>Authentication, then the principal into the request context, then the CSRF check.</summary>
    public static WebApplication UseApiAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<RequestContextMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<CsrfMiddleware>();
        return app;
    }

    private static CookieSecurePolicy SecurePolicy(AuthOptions options) =>
        options.AllowInsecureHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    private static string CookieName(string name, AuthOptions options) =>
        options.AllowInsecureHttp ? name[InsecureCookiePrefix.Length..] : name;

    private static Task WriteStatusAsync(HttpContext context, int status) =>
        ProblemResponses.WriteAsync(context, ProblemResponses.ForStatusCode(status));
}
