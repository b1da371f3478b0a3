using System.Net.Http.Json;
using System.Text.Json;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Prompts;

/// <summary>Prompt versions made through the Api, for the prompt tests and the role matrix.</summary>
public static class PromptsApi
{
    public const string Prompts = "/api/v1/prompts";

    /// <summary>The channel's current version number, as <paramref name="client"/> reads it.</summary>
    public static async Task<int> CurrentVersionAsync(HttpClient client, string channel) =>
        (await TenancyFixture.ReadAsync(await client.GetAsync($"{Prompts}/{channel}?limit=1"), "read the prompt"))
        .GetProperty("current").GetProperty("version").GetInt32();

    /// <summary>Saves <paramref name="text"/> as the next version of <paramref name="tenant"/>'s prompt, by its owner.</summary>
    public static async Task<JsonElement> SaveAsync(this TenancyFixture fx, Guid tenant, string channel, string text, string? note = null)
    {
        var owner = await fx.CachedSessionAsync(tenant, Role.Owner);
        var baseVersion = await CurrentVersionAsync(owner, channel);
        return await TenancyFixture.ReadAsync(
            await owner.PutAsJsonAsync($"{Prompts}/{channel}", new { text, note, baseVersion }), "save a prompt version");
    }
}
