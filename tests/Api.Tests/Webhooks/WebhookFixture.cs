using ProSaaS.Api.Tests.Tenancy;

namespace ProSaaS.Api.Tests.Webhooks;

/// <summary>
/// Businesses A and B on an Api whose dispatcher may send to http://127.0.0.1 (the tests' receivers) and retries at
/// once: 50 ms, 200 ms, 800 ms (±20 %), four attempts in all.
/// </summary>
public sealed class WebhookFixture() : TenancyFixture(Settings)
{
    public const int MaxAttempts = 4;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Webhooks:AllowInsecureUrls"] = "true",
        ["Webhooks:AllowPrivateTargets"] = "true",
        ["Webhooks:RetryBaseSeconds"] = "0.05",
        ["Webhooks:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Webhooks:RequestTimeoutSeconds"] = "2",
        ["Webhooks:PollInterval"] = "00:00:00.050",
    };
}
