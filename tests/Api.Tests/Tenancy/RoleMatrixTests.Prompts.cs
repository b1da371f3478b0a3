using System.Net;
using System.Net.Http.Json;
using ProSaaS.Api.Tests.Prompts;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

/// <summary>
/// The prompts per channel. A channel is no resource of one business: each row saves B's prompt with a text that must not
/// leak into A's answers, and checks in the database that a refused save or rollback recorded nothing.
/// </summary>
public sealed partial class RoleMatrixTests
{
    [MatrixArea]
    private static readonly EndpointSpec[] PromptsAreaEndpoints =
    [
        new("GET /api/v1/prompts", Role.Agent, HttpStatusCode.OK),
        new("GET /api/v1/prompts/{channel}", Role.Agent, HttpStatusCode.OK),
        new("GET /api/v1/prompts/{channel}/versions/{version}", Role.Agent, HttpStatusCode.OK),
        new("GET /api/v1/prompts/{channel}/diff", Role.Agent, HttpStatusCode.OK),
        new("PUT /api/v1/prompts/{channel}", Role.Admin, HttpStatusCode.Created),
        new("POST /api/v1/prompts/{channel}/versions/{version}/rollback", Role.Admin, HttpStatusCode.Created),
    ];

    [MatrixArea]
    private async Task<bool> PromptsAreaRowAsync(MatrixRow row)
    {
        if (PromptsAreaEndpoints.All(e => e.Name != row.Endpoint))
        {
            return false;
        }

        var foreign = Callers.Unique("הנחיות של עסק ב");
        await fx.SaveAsync(B, "whatsapp", foreign);
        row.Foreign.Add(foreign);
        var own = Callers.Unique("הנחיות של עסק א");
        var ownVersion = (await fx.SaveAsync(A, "whatsapp", own)).GetProperty("version").GetInt32();
        var prompts = PromptsApi.Prompts;
        switch (row.Endpoint)
        {
            case "GET /api/v1/prompts":
            {
                var body = await row.Call(row.Client.GetAsync(prompts));
                if (row.Allowed)
                {
                    Json(body).EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "whatsapp")
                        .GetProperty("current").GetProperty("text").GetString().Should().Be(own);
                }

                break;
            }

            case "GET /api/v1/prompts/{channel}":
            {
                var body = await row.Call(row.Client.GetAsync($"{prompts}/whatsapp?limit=100"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("current").GetProperty("text").GetString().Should().Be(own);
                }

                break;
            }

            case "GET /api/v1/prompts/{channel}/versions/{version}":
            {
                var body = await row.Call(row.Client.GetAsync($"{prompts}/whatsapp/versions/{ownVersion}"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("text").GetString().Should().Be(own);
                }

                break;
            }

            case "GET /api/v1/prompts/{channel}/diff":
            {
                var body = await row.Call(row.Client.GetAsync($"{prompts}/whatsapp/diff?from=0&to={ownVersion}"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()).Should().Contain(own);
                }

                break;
            }

            case "PUT /api/v1/prompts/{channel}":
            {
                var text = Callers.Unique("גרסה חדשה");
                await row.Call(row.Client.PutAsJsonAsync($"{prompts}/whatsapp", new { text, baseVersion = ownVersion }));
                (await Count("select count(*) from tenant_prompt_versions where text = $1 and tenant_id = $2", text, A.ToString())).Should().Be(row.Allowed ? 1 : 0);
                (await Count("select count(*) from tenant_prompt_versions where text = $1", text)).Should().Be(row.Allowed ? 1 : 0);
                break;
            }

            case "POST /api/v1/prompts/{channel}/versions/{version}/rollback":
            {
                await fx.SaveAsync(A, "whatsapp", Callers.Unique("גרסה אחרת"));
                await row.Call(row.Client.PostAsync($"{prompts}/whatsapp/versions/{ownVersion}/rollback", null));
                (await Count("select count(*) from tenant_prompt_versions where tenant_id = $1 and channel = 'whatsapp' and restored_from = $2",
                    A.ToString(), ownVersion)).Should().Be(row.Allowed ? 1 : 0);
                (await Count("select count(*) from tenant_prompt_versions where text = $1", foreign)).Should().Be(1, "B's prompt is B's alone");
                break;
            }
        }

        return true;
    }
}
