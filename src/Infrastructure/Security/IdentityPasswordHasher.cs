using Microsoft.AspNetCore.Identity;
using ProSaaS.Application.Auth;
using IPasswordHasher = ProSaaS.Application.Auth.IPasswordHasher;

namespace ProSaaS.Infrastructure.Security;

/// <summary>
/// Passwords hashed by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>: salted PBKDF2 in Identity's
/// versioned format, so hashes made with older parameters still verify and are flagged for re-hashing.
/// </summary>
public sealed class IdentityPasswordHasher : IPasswordHasher
{
    private static readonly Account Nobody = new();

    private readonly PasswordHasher<Account> _hasher = new();

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return _hasher.HashPassword(Nobody, password);
    }

    public PasswordCheck Verify(string passwordHash, string password)
    {
        if (string.IsNullOrEmpty(passwordHash) || password is null)
        {
            return PasswordCheck.Failed;
        }

        try
        {
            return _hasher.VerifyHashedPassword(Nobody, passwordHash, password) switch
            {
                PasswordVerificationResult.Success => PasswordCheck.Success,
                PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
                _ => PasswordCheck.Failed,
            };
        }
        catch (FormatException)
        {
            return PasswordCheck.Failed;
        }
    }

    /// <summary>The hasher's user type; Identity's default hasher does not look at it.</summary>
    private sealed class Account;
}
