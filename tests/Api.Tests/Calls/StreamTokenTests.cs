using System.Text;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Api.Tests.Calls;

public sealed class StreamTokenTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray();
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid CallId = Guid.Parse("0195f0c3-1b7e-7a60-8f21-5c9d3e7a2b14");
    private const string Tenant = "5b0a2f7e-4c1d-4e8a-9f3b-2d6c8e1a7b90";

    [Fact]
    public void A_token_verifies_with_its_key_until_it_expires_and_names_its_call_and_business()
    {
        var token = StreamToken.Issue(Key, CallId, Tenant, Now.AddMinutes(1));

        token.Should().StartWith($"v1.{CallId:N}.{Tenant}.");
        token.Should().MatchRegex("^[A-Za-z0-9._-]+$", "it travels as a TwiML attribute and a stream parameter as it is");
        StreamToken.TryVerify(Key, token, Now, out var claims).Should().BeTrue();
        claims.Should().Be(new StreamTokenClaims(CallId, Tenant, Now.AddMinutes(1)));
        StreamToken.TryVerify(Key, token, Now.AddSeconds(59), out _).Should().BeTrue();
        StreamToken.TryVerify(Key, token, Now.AddMinutes(1), out _).Should().BeFalse("expired");
    }

    [Fact]
    public void A_token_changed_in_any_part_or_checked_with_another_key_does_not_verify()
    {
        var token = StreamToken.Issue(Key, CallId, Tenant, Now.AddMinutes(1));
        var parts = token.Split('.');
        var otherKey = Key.Select(b => (byte)(b ^ 1)).ToArray();

        StreamToken.TryVerify(otherKey, token, Now, out _).Should().BeFalse();
        StreamToken.TryVerify(Key, string.Join('.', parts[0], Guid.NewGuid().ToString("N"), parts[2], parts[3], parts[4]), Now, out _).Should().BeFalse();
        StreamToken.TryVerify(Key, string.Join('.', parts[0], parts[1], Guid.NewGuid().ToString(), parts[3], parts[4]), Now, out _).Should().BeFalse();
        StreamToken.TryVerify(Key, string.Join('.', parts[0], parts[1], parts[2], (long.Parse(parts[3]) + 3600).ToString(), parts[4]), Now, out _).Should().BeFalse();
        StreamToken.TryVerify(Key, token[..^2] + (token[^2] == 'A' ? "BB" : "AA"), Now, out _).Should().BeFalse();
        StreamToken.TryVerify(Key, "v2" + token[2..], Now, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1")]
    [InlineData("v1.x.y.z.w")]
    [InlineData("....")]
    [InlineData("שלום.עולם")]
    public void Malformed_tokens_do_not_verify(string? token)
    {
        StreamToken.TryVerify(Key, token, Now, out var claims).Should().BeFalse();
        claims.Should().Be(default(StreamTokenClaims));
    }

    [Fact]
    public void A_well_signed_token_of_another_shape_does_not_verify()
    {
        // Signed with the right key, but with a call id that is not 32 hex digits.
        var payload = $"v1.not-a-call.{Tenant}.{Now.AddMinutes(1).ToUnixTimeSeconds()}";
        var signature = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(payload)));
        StreamToken.TryVerify(Key, payload + "." + signature, Now, out _).Should().BeFalse();
    }

    [Fact]
    public void Keys_are_base64_of_at_least_32_bytes()
    {
        StreamToken.TryParseKey(Convert.ToBase64String(Key), out var key).Should().BeTrue();
        key.Should().Equal(Key);
        StreamToken.TryParseKey(StreamToken.NewKey(), out var fresh).Should().BeTrue();
        fresh.Should().HaveCount(32);
        StreamToken.TryParseKey(Convert.ToBase64String(new byte[31]), out _).Should().BeFalse();
        StreamToken.TryParseKey("not base64!", out _).Should().BeFalse();
        StreamToken.TryParseKey(null, out _).Should().BeFalse();
        var shortKey = () => StreamToken.Issue(new byte[16], CallId, Tenant, Now);
        shortKey.Should().Throw<ArgumentException>();
        StreamToken.TryVerify(new byte[16], StreamToken.Issue(Key, CallId, Tenant, Now.AddMinutes(1)), Now, out _).Should().BeFalse();
    }

    [Fact]
    public void A_tenant_id_is_letters_digits_and_dashes()
    {
        var act = () => StreamToken.Issue(Key, CallId, "a.b", Now);
        act.Should().Throw<ArgumentException>();
    }
}
