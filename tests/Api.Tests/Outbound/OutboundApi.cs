using System.Net.Http.Json;
using System.Text.Json;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Outbound;

/// <summary>Outbound call templates made through the Api, for the outbound tests and the role matrix.</summary>
public static class OutboundApi
{
    public const string Templates = "/api/v1/outbound/templates";

    public static object TemplateBody(string? name = null, string? greeting = "שלום {lead_name}, מדברים מ{business}.", bool? active = null) => new
    {
        name = name ?? Callers.Unique("תבנית"),
        description = "חזרה ללידים מהאתר",
        promptText = "שאלי אם הדירה עדיין רלוונטית וקבעי פגישה.",
        greetingTemplate = greeting,
        active,
    };

    /// <summary>A template of <paramref name="tenant"/>, created by its owner.</summary>
    public static async Task<JsonElement> NewTemplateAsync(
        this TenancyFixture fx, Guid tenant, string? name = null, string? greeting = "שלום {lead_name}, מדברים מ{business}.", bool? active = null)
    {
        var owner = await fx.CachedSessionAsync(tenant, Role.Owner);
        return await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync(Templates, TemplateBody(name, greeting, active)), "create an outbound template");
    }
}
