namespace ProSaaS.Application.Auth;

/// <summary>Hashes passwords with a slow, salted algorithm and verifies them against stored hashes.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    PasswordCheck Verify(string passwordHash, string password);
}

public enum PasswordCheck
{
    Failed,
    Success,

    /// <summary>The password is right but was hashed with weaker parameters: store a fresh hash.</summary>
    SuccessRehashNeeded,
}
