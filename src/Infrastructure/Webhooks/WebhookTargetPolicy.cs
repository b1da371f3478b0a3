using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using ProSaaS.Application.Webhooks;
using ProSaaS.Domain.Webhooks;

namespace ProSaaS.Infrastructure.Webhooks;

/// <summary>
/// The deployment's address policy for webhook endpoints when they are saved: the form and scheme, then — unless
/// private targets are allowed — every address the name resolves to. A name that does not resolve now is accepted:
/// it is resolved and checked again at every connection.
/// </summary>
public sealed class WebhookTargetPolicy(IOptions<WebhookOptions> options) : IWebhookTargetPolicy
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    public async Task<WebhookUrlProblem?> CheckAsync(string url, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var problem = WebhookTargetRules.CheckUrl(url, settings.AllowInsecureUrls, settings.AllowPrivateTargets);
        if (problem is not null || settings.AllowPrivateTargets)
        {
            return problem;
        }

        var host = new Uri(url.Trim()).IdnHost;
        if (IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            return null; // a literal, already checked
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).WaitAsync(ResolveTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException or ArgumentException)
        {
            return null;
        }

        return addresses.All(WebhookTargetRules.IsPublicAddress)
            ? null
            : new WebhookUrlProblem(WebhookTargetRules.PrivateTargetCode, WebhookTargetRules.PrivateTargetMessage);
    }
}
