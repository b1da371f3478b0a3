using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ProSaaS.Application.Auth;
using ProSaaS.Infrastructure.Security;

namespace ProSaaS.Infrastructure.Tests.Security;

public sealed class IdentityPasswordHasherTests
{
    private readonly IdentityPasswordHasher _hasher = new();

    [Fact]
    public void A_hash_verifies_its_password_and_nothing_else()
    {
        var hash = _hasher.Hash("סיסמה-ארוכה-2026");

        _hasher.Verify(hash, "סיסמה-ארוכה-2026").Should().Be(PasswordCheck.Success);
        _hasher.Verify(hash, "סיסמה-ארוכה-2027").Should().Be(PasswordCheck.Failed);
        _hasher.Verify(hash, "").Should().Be(PasswordCheck.Failed);
    }

    [Fact]
    public void Hashes_are_salted_and_never_contain_the_password()
    {
        var first = _hasher.Hash("correct horse battery");
        var second = _hasher.Hash("correct horse battery");

        first.Should().NotBe(second);
        first.Should().NotContain("correct");
        _hasher.Verify(second, "correct horse battery").Should().Be(PasswordCheck.Success);
    }

    [Fact]
    public void A_hash_made_with_older_parameters_verifies_and_asks_for_a_rehash()
    {
        var legacy = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2,
        })).HashPassword(new object(), "an old password");

        _hasher.Verify(legacy, "an old password").Should().Be(PasswordCheck.SuccessRehashNeeded);
        _hasher.Verify(legacy, "another password").Should().Be(PasswordCheck.Failed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("AQ==")]
    public void A_damaged_hash_fails_instead_of_throwing(string hash)
    {
        _hasher.Verify(hash, "whatever password").Should().Be(PasswordCheck.Failed);
    }
}
