using System.Net.Http.Json;
using System.Text.Json;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Faq;

/// <summary>FAQ entries made through the Api, for the FAQ tests, the call configuration tests and the role matrix.</summary>
public static class FaqApi
{
    public const string Faq = "/api/v1/faq";

    public static object EntryBody(
        string? question = null, string answer = "יש חניון ציבורי מול הבניין.", string[]? keywords = null, string[]? phrasings = null,
        string[]? channels = null, bool? active = null) => new
    {
        question = question ?? Callers.Unique("יש חניה ליד המשרד"),
        answer,
        keywords = keywords ?? ["חניה"],
        phrasings = phrasings ?? [],
        channels,
        active,
    };

    /// <summary>An entry of <paramref name="tenant"/>, added by its owner.</summary>
    public static async Task<JsonElement> NewFaqEntryAsync(this TenancyFixture fx, Guid tenant, object? body = null)
    {
        var owner = await fx.CachedSessionAsync(tenant, Role.Owner);
        return await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync(Faq, body ?? EntryBody()), "add a FAQ entry");
    }
}
