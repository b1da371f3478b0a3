using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ProSaaS.Api.Telephony;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Api.Auth;

/// <summary>
/// The media host's service credential: <c>X-ProSaaS-Service-Key: &lt;MediaHost:ServiceKey&gt;</c>, compared in constant
/// time. It admits the internal call routes only (<see cref="AuthSetup.MediaHostPolicy"/>); it carries no business, no
/// user and no role, so no /api/v1 route accepts it, and no session or API key reaches the internal routes. Without a
/// configured key every internal request is refused.
/// </summary>
public sealed class ServiceKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<MediaHostOptions> mediaHost)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private readonly byte[]? _key = MediaHostContract.IsValidServiceKey(mediaHost.Value.ServiceKey)
        ? Encoding.ASCII.GetBytes(mediaHost.Value.ServiceKey.Trim())
        : null;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(MediaHostContract.ServiceKeyHeader, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var given = Encoding.ASCII.GetBytes(values.ToString().Trim());
        if (_key is null || !CryptographicOperations.FixedTimeEquals(_key, given))
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown service key."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(AuthClaims.Subject, AuthClaims.MediaHostSubject), new Claim(AuthClaims.Method, AuthClaims.ServiceMethod)],
            Scheme.Name, AuthClaims.Subject, AuthClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Errors.ProblemResponses.WriteAsync(Context, Errors.ProblemResponses.Create(
            StatusCodes.Status401Unauthorized, "A valid service key is required", "נדרש מפתח שירות תקף"));

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Errors.ProblemResponses.WriteAsync(Context, Errors.ProblemResponses.Create(
            StatusCodes.Status403Forbidden, "Not allowed", "אין הרשאה לפעולה זו"));
}
