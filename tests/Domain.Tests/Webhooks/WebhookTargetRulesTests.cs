using System.Net;
using ProSaaS.Domain.Webhooks;

namespace ProSaaS.Domain.Tests.Webhooks;

public sealed class WebhookTargetRulesTests
{
    [Theory]
    [InlineData("https://hooks.example.com/prosaas")]
    [InlineData("https://hooks.example.com:8443/a/b?token=x")]
    [InlineData("https://93.184.216.34/hook")]
    [InlineData("https://[2606:4700::6810:85e5]/hook")]
    [InlineData("https://api.monday.com/v2/webhooks/123")]
    public void Public_https_addresses_are_accepted(string url) =>
        WebhookTargetRules.CheckUrl(url, allowInsecure: false, allowPrivate: false).Should().BeNull();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hooks.example.com/prosaas")]
    [InlineData("/relative")]
    [InlineData("ftp://hooks.example.com/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://hooks.example.com/#fragment")]
    public void Malformed_addresses_are_refused(string? url) =>
        WebhookTargetRules.CheckUrl(url, allowInsecure: true, allowPrivate: true)!.Code.Should().Be(WebhookTargetRules.UrlInvalidCode);

    [Fact]
    public void Overlong_addresses_are_refused() =>
        WebhookTargetRules.CheckUrl("https://hooks.example.com/" + new string('a', WebhookTargetRules.MaxUrlLength), true, true)!
            .Code.Should().Be(WebhookTargetRules.UrlInvalidCode);

    [Fact]
    public void Plain_http_is_refused_unless_allowed()
    {
        WebhookTargetRules.CheckUrl("http://hooks.example.com/", allowInsecure: false, allowPrivate: false)!.Code.Should().Be(WebhookTargetRules.UrlNotHttpsCode);
        WebhookTargetRules.CheckUrl("http://hooks.example.com/", allowInsecure: true, allowPrivate: false).Should().BeNull();
    }

    [Fact]
    public void Credentials_in_the_address_are_refused() =>
        WebhookTargetRules.CheckUrl("https://user:pass@hooks.example.com/", true, true)!.Code.Should().Be(WebhookTargetRules.UrlCredentialsCode);

    [Theory]
    [InlineData("https://127.0.0.1/")]
    [InlineData("https://127.1.2.3:8080/")]
    [InlineData("https://10.0.0.5/")]
    [InlineData("https://172.16.0.1/")]
    [InlineData("https://172.31.255.255/")]
    [InlineData("https://192.168.1.1/")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://100.64.0.1/")]
    [InlineData("https://0.0.0.0/")]
    [InlineData("https://[::1]/")]
    [InlineData("https://[::ffff:127.0.0.1]/")]
    [InlineData("https://[fe80::1]/")]
    [InlineData("https://[fd00::1]/")]
    [InlineData("https://2130706433/")]
    [InlineData("https://0x7f000001/")]
    [InlineData("https://localhost/")]
    [InlineData("https://LOCALHOST./")]
    [InlineData("https://api.localhost/")]
    [InlineData("https://printer.local/")]
    [InlineData("https://metadata.google.internal/")]
    [InlineData("https://intranet/")]
    public void Loopback_private_and_local_targets_are_refused_unless_allowed(string url)
    {
        WebhookTargetRules.CheckUrl(url, allowInsecure: false, allowPrivate: false)!.Code.Should().Be(WebhookTargetRules.PrivateTargetCode);
        WebhookTargetRules.CheckUrl(url, allowInsecure: false, allowPrivate: true).Should().BeNull();
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("93.184.216.34", true)]
    [InlineData("172.15.255.255", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("100.63.255.255", true)]
    [InlineData("100.128.0.1", true)]
    [InlineData("192.169.0.1", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.255.255.255", false)]
    [InlineData("192.0.2.10", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("198.51.100.7", false)]
    [InlineData("203.0.113.9", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("2606:4700::6810:85e5", true)]
    [InlineData("2a00:1450:4001:80b::200e", true)]
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("2001:0:4136:e378::1", false)]
    [InlineData("2002:c0a8:0101::1", false)]
    [InlineData("2002:5db8:d822::1", true)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    public void Only_globally_routable_unicast_addresses_are_public(string address, bool isPublic) =>
        WebhookTargetRules.IsPublicAddress(IPAddress.Parse(address)).Should().Be(isPublic);
}
