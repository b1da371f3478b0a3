using System.Text.Encodings.Web;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ProSaaS.Application.ApiKeys.AuthenticateApiKey;

namespace ProSaaS.Api.Auth;

/// <summary><c>Authorization: Bearer psk_…</c>: a tenant's API key, acting with the role it was given.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IMediator mediator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = await mediator.Send(new AuthenticateApiKey(header["Bearer ".Length..].Trim()), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var principal = AuthClaims.Create(Scheme.Name, AuthClaims.ApiKeyMethod, "key:" + key.ApiKeyId, key.TenantId, key.Role, key.Name, null);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await Errors.ProblemResponses.WriteAsync(Context, Errors.ProblemResponses.Create(
            StatusCodes.Status401Unauthorized, "A valid API key is required", "מפתח ה-API חסר, שגוי או בוטל"));
    }
}
