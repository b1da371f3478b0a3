using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using ProSaaS.Api.Auth;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Auth.GetCurrentUser;
using ProSaaS.Application.Auth.SignIn;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Endpoints;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Authentication");

        auth.MapPost("/sign-in", async (SignInRequest body, HttpContext http, IMediator mediator, IAntiforgery antiforgery,
                Microsoft.Extensions.Options.IOptions<AuthOptions> options, CancellationToken ct) =>
            {
                if (!http.Request.IsHttps && !options.Value.AllowInsecureHttp)
                {
                    // A Secure session cookie would never come back over plain http.
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "HTTPS is required",
                        detail: "יש להתחבר דרך חיבור מאובטח (https)", extensions: new Dictionary<string, object?> { ["code"] = "auth.https_required" });
                }

                var user = await mediator.Send(new SignIn(body.Email ?? "", body.Password ?? ""), ct);
                var principal = SessionValidation.SessionPrincipal(user, user.TenantId);
                await http.SignInAsync(AuthClaims.SessionScheme, principal);
                http.User = principal; // the CSRF token is bound to the signed-in identity
                return Results.Ok(new SignedIn(Me.From(user, user.TenantId), antiforgery.GetAndStoreTokens(http).RequestToken!));
            })
            .AllowAnonymous()
            .RequireRateLimiting(AuthSetup.SignInRateLimit)
            .WithSummary("Sign in to the dashboard")
            .WithDescription(
                "Starts a session: an httpOnly, Secure, SameSite=Strict cookie. The answer carries the CSRF token to send as " +
                "`X-CSRF-Token` with every POST/PUT/PATCH/DELETE of the session. Wrong e-mail or password: 401 with one message " +
                "for both. After 5 failures in a row the account is locked for 15 minutes (401 with `lockedUntil`). At most " +
                "`Auth:SignInPermitsPerMinute` attempts per client address per minute (429 with Retry-After).")
            .Produces<SignedIn>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesValidationProblem();

        auth.MapPost("/sign-out", async (HttpContext http) =>
            {
                await http.SignOutAsync(AuthClaims.SessionScheme);
                return Results.NoContent();
            })
            .ForRole(Role.Agent, "Sign out", "Ends the dashboard session (needs the CSRF token like any change).")
            .Produces(StatusCodes.Status204NoContent);

        auth.MapGet("/me", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                if (!AuthClaims.IsSession(http.User))
                {
                    return new Me("api_key", http.User.FindFirstValue(AuthClaims.Subject)!, http.User.FindFirstValue(AuthClaims.Name)!, null,
                        AuthClaims.RoleOf(http.User)!.Value.ToWireName(), http.User.FindFirstValue(AuthClaims.TenantId));
                }

                return Me.From(await mediator.Send(new GetCurrentUser(), ct), http.User.FindFirstValue(AuthClaims.TenantId));
            })
            .ForRole(Role.Agent, "Who am I", "The signed-in user (or the API key) with role and business.")
            .Produces<Me>();

        auth.MapGet("/csrf", (HttpContext http, IAntiforgery antiforgery) =>
                new CsrfToken(antiforgery.GetAndStoreTokens(http).RequestToken!))
            .ForRole(Role.Agent, "A fresh CSRF token", "For a page that lost the token it got at sign-in.")
            .Produces<CsrfToken>();

        return app;
    }
}

public sealed record SignInRequest(string? Email, string? Password);

/// <param name="User">The signed-in user.</param>
/// <param name="CsrfToken">Send as the X-CSRF-Token header with every change made in this session.</param>
public sealed record SignedIn(Me User, string CsrfToken);

/// <param name="Kind">"user" or "api_key".</param>
/// <param name="Id">The user's id, or "key:" and the API key's id.</param>
/// <param name="Name">Display name of the user or name of the key.</param>
/// <param name="Email">The user's e-mail (null for a key).</param>
/// <param name="Role">system_admin, owner, admin or agent.</param>
/// <param name="TenantId">The business acted on (null for a system admin who has not selected one).</param>
public sealed record Me(string Kind, string Id, string Name, string? Email, string Role, string? TenantId)
{
    public static Me From(AuthenticatedUser user, string? tenantId) =>
        new("user", user.UserId.ToString(), user.DisplayName, user.Email, user.Role.ToWireName(), tenantId);
}

public sealed record CsrfToken(string Token);
