using ProSaaS.Domain.ApiKeys;

namespace ProSaaS.Domain.Tests.Users;

public sealed class ApiKeyFormatTests
{
    private const string Secret = "Zm9vYmFyYmF6cXV4LV9fLXNlY3JldC1rZXktMDEyMw";

    [Fact]
    public void A_key_is_scheme_prefix_and_secret()
    {
        var key = ApiKeyFormat.Compose("ab12cd34", Secret);

        key.Should().Be("psk_ab12cd34_" + Secret);
        ApiKeyFormat.TryParse(key, out var prefix, out var secret).Should().BeTrue();
        prefix.Should().Be("ab12cd34");
        secret.Should().Be(Secret);
    }

    [Fact]
    public void The_secret_may_contain_underscores_and_dashes()
    {
        var secret = "__--" + new string('x', 28);
        ApiKeyFormat.TryParse("psk_ab12cd34_" + secret, out _, out var parsed).Should().BeTrue();
        parsed.Should().Be(secret);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("psk_ab12cd34_short")]
    [InlineData("pk_ab12cd34_Zm9vYmFyYmF6cXV4LV9fLXNlY3JldC1rZXktMDEyMw")]
    [InlineData("PSK_ab12cd34_Zm9vYmFyYmF6cXV4LV9fLXNlY3JldC1rZXktMDEyMw")]
    [InlineData("psk_AB12CD34_Zm9vYmFyYmF6cXV4LV9fLXNlY3JldC1rZXktMDEyMw")]
    [InlineData("psk_ab12cd3_xZm9vYmFyYmF6cXV4LV9fLXNlY3JldC1rZXktMDEyMw")]
    [InlineData("psk_ab12cd34-Zm9vYmFyYmF6cXV4LV9fLXNlY3JldC1rZXktMDEyMw")]
    [InlineData("psk_ab12cd34_Zm9vYmFyYmF6cXV4LV9fLXNlY3JldC1rZXktMDEy+w==")]
    [InlineData("psk_ab12cd34_Zm9vYmFyYmF6cXV4LV9fLXNlY3JldC1rZXktMDEyMw ")]
    [InlineData("psk_ab12cd34_סודסודסודסודסודסודסודסודסודסודסודסוד")]
    public void Anything_else_is_not_a_key(string? value)
    {
        ApiKeyFormat.TryParse(value, out var prefix, out var secret).Should().BeFalse();
        prefix.Should().BeEmpty();
        secret.Should().BeEmpty();
    }

    [Fact]
    public void Overlong_values_are_refused_before_any_work()
    {
        ApiKeyFormat.TryParse("psk_ab12cd34_" + new string('a', ApiKeyFormat.MaxSecretLength + 1), out _, out _).Should().BeFalse();
        ApiKeyFormat.TryParse("psk_ab12cd34_" + new string('a', ApiKeyFormat.MaxSecretLength), out _, out _).Should().BeTrue();
    }

    [Fact]
    public void Compose_refuses_parts_that_would_not_parse()
    {
        FluentActions.Invoking(() => ApiKeyFormat.Compose("ab12_d34", Secret)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => ApiKeyFormat.Compose("ab12cd34", "short")).Should().Throw<ArgumentException>();
    }
}
