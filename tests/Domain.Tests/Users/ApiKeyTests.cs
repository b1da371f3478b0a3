using ProSaaS.Domain.ApiKeys;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Users;

namespace ProSaaS.Domain.Tests.Users;

public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly string Hash = new('a', 64);

    [Theory]
    [InlineData(Role.SystemAdmin, Role.SystemAdmin, false)]
    [InlineData(Role.SystemAdmin, Role.Owner, true)]
    [InlineData(Role.SystemAdmin, Role.Admin, true)]
    [InlineData(Role.SystemAdmin, Role.Agent, true)]
    [InlineData(Role.Owner, Role.SystemAdmin, false)]
    [InlineData(Role.Owner, Role.Owner, true)]
    [InlineData(Role.Owner, Role.Admin, true)]
    [InlineData(Role.Owner, Role.Agent, true)]
    [InlineData(Role.Admin, Role.SystemAdmin, false)]
    [InlineData(Role.Admin, Role.Owner, false)]
    [InlineData(Role.Admin, Role.Admin, true)]
    [InlineData(Role.Admin, Role.Agent, true)]
    [InlineData(Role.Agent, Role.SystemAdmin, false)]
    [InlineData(Role.Agent, Role.Owner, false)]
    [InlineData(Role.Agent, Role.Admin, false)]
    [InlineData(Role.Agent, Role.Agent, true)]
    public void A_key_never_outranks_its_creator_and_is_never_platform_wide(Role creator, Role keyRole, bool allowed)
    {
        ApiKeyPolicy.CanIssue(creator, keyRole).Should().Be(allowed);
        var create = () => ApiKey.Create(Guid.NewGuid(), "n8n", "abcd1234", Hash, keyRole, creator, "u1", Now);
        if (allowed)
        {
            create.Should().NotThrow();
        }
        else
        {
            create.Should().Throw<DomainException>().Which.Code.Should().Be("api_key.role_forbidden");
        }
    }

    [Fact]
    public void Create_records_prefix_hash_role_and_creator_but_never_a_key()
    {
        var id = Guid.NewGuid();
        var key = ApiKey.Create(id, "  Monday.com ", "abcd1234", Hash, Role.Agent, Role.Admin, "user-1", Now);

        key.UncommittedEvents.Should().ContainSingle().Which.Should()
            .Be(new ApiKeyCreated(id, "Monday.com", "abcd1234", Hash, Role.Agent, "user-1", Now));
        typeof(ApiKeyCreated).GetProperties().Select(p => p.Name).Should().NotContain(n => n == "Key" || n == "Secret");
    }

    [Theory]
    [InlineData(" ", "abcd1234", "api_key.name_required")]
    [InlineData("x", "ABCD1234", "api_key.prefix_invalid")]
    [InlineData("x", "abc", "api_key.prefix_invalid")]
    public void Create_refuses_a_bad_name_or_prefix(string name, string prefix, string code)
    {
        FluentActions.Invoking(() => ApiKey.Create(Guid.NewGuid(), name, prefix, Hash, Role.Agent, Role.Owner, null, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be(code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-hex")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Create_refuses_anything_but_a_lower_case_sha256_hex(string hash)
    {
        FluentActions.Invoking(() => ApiKey.Create(Guid.NewGuid(), "x", "abcd1234", hash, Role.Agent, Role.Owner, null, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("api_key.hash_invalid");
    }

    [Fact]
    public void Revoke_happens_once()
    {
        var key = ApiKey.Create(Guid.NewGuid(), "x", "abcd1234", Hash, Role.Agent, Role.Owner, null, Now);
        key.MarkCommitted();

        key.Revoke("owner-1", Now.AddDays(1));
        key.Revoke("owner-2", Now.AddDays(2));

        key.UncommittedEvents.Should().ContainSingle().Which.Should().Be(new ApiKeyRevoked(key.Id, "owner-1", Now.AddDays(1)));
        key.IsRevoked.Should().BeTrue();
        key.RevokedAt.Should().Be(Now.AddDays(1));
    }
}
