using Microsoft.AspNetCore.DataProtection;
using ProSaaS.Application.Webhooks;

namespace ProSaaS.Infrastructure.Webhooks;

/// <summary>
/// Signing secrets encrypted with ASP.NET Core Data Protection, whose keys every Api process shares through the
/// database: the events and the read model hold only the encrypted form, which is useless without those keys.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider dataProtection) : IWebhookSecrets
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("ProSaaS.Webhooks.SigningSecret.v1");

    public GeneratedWebhookSecret Generate()
    {
        var secret = WebhookSignature.NewSecret();
        return new GeneratedWebhookSecret(secret, _protector.Protect(secret), WebhookSignature.Hint(secret));
    }

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
