using ProSaaS.Infrastructure.Webhooks;

namespace ProSaaS.Infrastructure.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Signs_the_standard_webhooks_reference_vector()
    {
        WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""")
            .Should().Be("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    [Fact]
    public void Any_change_to_id_timestamp_body_or_secret_changes_the_signature()
    {
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var reference = WebhookSignature.Sign(secret, "msg_1", 1614265330, "{}");
        WebhookSignature.Sign(secret, "msg_2", 1614265330, "{}").Should().NotBe(reference);
        WebhookSignature.Sign(secret, "msg_1", 1614265331, "{}").Should().NotBe(reference);
        WebhookSignature.Sign(secret, "msg_1", 1614265330, "{ }").Should().NotBe(reference);
        WebhookSignature.Sign(WebhookSignature.NewSecret(), "msg_1", 1614265330, "{}").Should().NotBe(reference);
    }

    [Fact]
    public void New_secrets_are_whsec_and_base64_of_32_random_bytes_and_hints_hide_them()
    {
        var secrets = Enumerable.Range(0, 20).Select(_ => WebhookSignature.NewSecret()).ToList();
        secrets.Should().OnlyHaveUniqueItems();
        foreach (var secret in secrets)
        {
            secret.Should().StartWith("whsec_");
            WebhookSignature.SecretKey(secret).Should().HaveCount(32);
            var hint = WebhookSignature.Hint(secret);
            hint.Should().Be("whsec_…" + secret[^4..]);
            secret.Should().NotContain(hint[..^4] + secret[^8..^4], "the hint shows four characters only");
        }
    }

    [Fact]
    public void Hebrew_bodies_are_signed_over_their_utf8_bytes()
    {
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var body = """{"data":{"name":"רות לוי"}}""";
        var expected = "v1," + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            Convert.FromBase64String("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), System.Text.Encoding.UTF8.GetBytes("msg_1.1." + body)));
        WebhookSignature.Sign(secret, "msg_1", 1, body).Should().Be(expected);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 120)]
    [InlineData(3, 480)]
    [InlineData(4, 1920)]
    [InlineData(7, 21600)]
    public void Retries_wait_four_times_longer_each_time_up_to_the_cap_with_twenty_percent_jitter(int failures, double seconds)
    {
        var options = new WebhookOptions();
        options.RetryDelay(failures, 0.5).TotalSeconds.Should().BeApproximately(seconds, 0.001);
        options.RetryDelay(failures, 0).TotalSeconds.Should().BeApproximately(seconds * 0.8, 0.001);
        options.RetryDelay(failures, 0.999999).TotalSeconds.Should().BeApproximately(seconds * 1.2, 0.05);
    }
}
