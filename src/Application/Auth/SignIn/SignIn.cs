using System.Text;
using MediatR;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Users;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Auth.SignIn;

/// <summary>
/// Password sign-in. Runs without a tenant: the user is found by e-mail across all tenants, then loaded from its own
/// tenant's stream. Every refusal carries the same message, except a lockout, which says so and until when.
/// </summary>
public sealed record SignIn(string Email, string Password) : IRequest<AuthenticatedUser>
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Email = ").Append(Email).Append(", Password = ***");
        return true;
    }
}

public sealed class SignInHandler(
    IUserQueries users,
    IEventStore eventStore,
    IPasswordHasher hasher,
    ITenantAccessCheck tenants,
    TimeProvider clock) : IRequestHandler<SignIn, AuthenticatedUser>
{
    public const string InvalidCredentialsMessage = "האימייל או הסיסמה שגויים";
    public const string LockedOutMessage = "החשבון נחסם זמנית בעקבות ניסיונות כניסה כושלים. אפשר לנסות שוב מאוחר יותר.";

    /// <summary>Attempts racing on one user (a double click) are retried rather than failed.</summary>
    private const int MaxAttempts = 3;

    private static string? _decoyHash;

    public async Task<AuthenticatedUser> Handle(SignIn request, CancellationToken cancellationToken)
    {
        var located = await users.FindByEmailAsync(User.NormaliseEmail(request.Email), cancellationToken);
        if (located is null)
        {
            throw Refuse(request.Password);
        }

        var store = eventStore.ForTenant(User.StreamTenantOf(located.TenantId));
        for (var attempt = 1; ; attempt++)
        {
            var user = await store.AggregateStreamAsync<User>(located.UserId, cancellationToken: cancellationToken)
                       ?? throw Refuse(request.Password);
            try
            {
                return await AttemptAsync(store, user, request.Password, cancellationToken);
            }
            catch (ConcurrencyException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    private async Task<AuthenticatedUser> AttemptAsync(IEventStore store, User user, string password, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (user.IsLockedAt(now))
        {
            throw new AuthenticationFailedException(LockedOutMessage, user.LockedUntil);
        }

        var check = hasher.Verify(user.PasswordHash, password);
        var matches = check != PasswordCheck.Failed;
        if (user.IsDisabled)
        {
            throw new AuthenticationFailedException(InvalidCredentialsMessage);
        }

        if (matches && user.TenantId is { } tenantId
                    && await tenants.CheckAsync(tenantId, cancellationToken) != TenantAccessStatus.Active)
        {
            throw new AuthenticationFailedException(InvalidCredentialsMessage);
        }

        var decision = user.AttemptSignIn(matches, now);
        if (decision.Outcome == SignInOutcome.Succeeded && check == PasswordCheck.SuccessRehashNeeded)
        {
            user.ChangePassword(hasher.Hash(password), now);
        }

        await store.SaveAsync(user, cancellationToken);
        return decision.Outcome switch
        {
            SignInOutcome.Succeeded => new AuthenticatedUser(user.Id, user.TenantId, user.Role, user.DisplayName, user.Email),
            SignInOutcome.LockedOut or SignInOutcome.StillLocked => throw new AuthenticationFailedException(LockedOutMessage, decision.LockedUntil),
            _ => throw new AuthenticationFailedException(InvalidCredentialsMessage),
        };
    }

    /// <summary>
    /// The refusal for an unknown e-mail, after verifying against a decoy hash so that it takes as long as a wrong
    /// password for a real user: response times do not tell which e-mails are registered.
    /// </summary>
    private AuthenticationFailedException Refuse(string password)
    {
        var decoy = _decoyHash ??= hasher.Hash(Guid.NewGuid().ToString("N"));
        hasher.Verify(decoy, password ?? "");
        return new AuthenticationFailedException(InvalidCredentialsMessage);
    }
}
