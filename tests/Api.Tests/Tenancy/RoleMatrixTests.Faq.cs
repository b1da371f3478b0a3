using System.Net;
using System.Net.Http.Json;
using ProSaaS.Api.Tests.Faq;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

/// <summary>
/// The FAQ. Each row adds its own entry (A's or B's, by its owner); B's entry must not leak into A's answers, and a refused
/// change must leave the entry as it was.
/// </summary>
public sealed partial class RoleMatrixTests
{
    [MatrixArea]
    private static readonly EndpointSpec[] FaqAreaEndpoints =
    [
        new("POST /api/v1/faq", Role.Admin, HttpStatusCode.Created),
        new("GET /api/v1/faq", Role.Agent, HttpStatusCode.OK),
        new("GET /api/v1/faq/{id}", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("PUT /api/v1/faq/{id}", Role.Admin, HttpStatusCode.OK, Targeted: true),
        new("DELETE /api/v1/faq/{id}", Role.Admin, HttpStatusCode.NoContent, Targeted: true),
        new("POST /api/v1/faq/match", Role.Agent, HttpStatusCode.OK),
    ];

    [MatrixArea]
    private async Task<bool> FaqAreaRowAsync(MatrixRow row)
    {
        switch (row.Endpoint)
        {
            case "POST /api/v1/faq":
            {
                var question = Callers.Unique("יש חניה");
                var body = await row.Call(row.Client.PostAsJsonAsync(FaqApi.Faq, FaqApi.EntryBody(question)));
                if (row.Allowed)
                {
                    Json(body).GetProperty("question").GetString().Should().Be(question);
                }

                (await Count("select count(*) from faq_entries where question = $1 and tenant_id = $2", question, A.ToString())).Should().Be(row.Allowed ? 1 : 0);
                (await Count("select count(*) from faq_entries where question = $1", question)).Should().Be(row.Allowed ? 1 : 0);
                return true;
            }

            case "GET /api/v1/faq":
            {
                var (own, _) = await NewFaqAsync(A);
                var (other, otherQuestion) = await NewFaqAsync(B);
                row.Foreign.AddRange([other.ToString(), otherQuestion]);
                var body = await row.Call(row.Client.GetAsync($"{FaqApi.Faq}?limit=100&includeInactive=true"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Should().Contain(own).And.NotContain(other);
                }

                return true;
            }

            case "GET /api/v1/faq/{id}":
            {
                var (id, question) = await NewFaqForRowAsync(row);
                var body = await row.Call(row.Client.GetAsync($"{FaqApi.Faq}/{id}"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("question").GetString().Should().Be(question);
                }

                return true;
            }

            case "PUT /api/v1/faq/{id}":
            {
                var (id, question) = await NewFaqForRowAsync(row);
                var changed = Callers.Unique("יש חניון");
                await row.Call(row.Client.PutAsJsonAsync($"{FaqApi.Faq}/{id}", new { question = changed, answer = "כן." }));
                (await Scalar<string>("select question from faq_entries where id = $1", id)).Should().Be(row.Allowed ? changed : question);
                (await Scalar<long>("select version from faq_entries where id = $1", id)).Should().Be(row.Allowed ? 2 : 1);
                return true;
            }

            case "DELETE /api/v1/faq/{id}":
            {
                var (id, _) = await NewFaqForRowAsync(row);
                await row.Call(row.Client.DeleteAsync($"{FaqApi.Faq}/{id}"));
                (await Count("select count(*) from faq_entries where id = $1", id)).Should().Be(row.Allowed ? 0 : 1);
                (await Count("select count(*) from mt_events where stream_id = $1", id)).Should().Be(row.Allowed ? 2 : 1);
                return true;
            }

            case "POST /api/v1/faq/match":
            {
                // B's entry asks exactly this question; A has none like it.
                var question = Callers.Unique("מה מחיר הזוזלובה");
                var (other, _) = await NewFaqAsync(B, question);
                row.Foreign.AddRange([other.ToString(), "תשובה של עסק ב"]);
                var body = await row.Call(row.Client.PostAsJsonAsync($"{FaqApi.Faq}/match", new { text = question, channel = "inbound_call" }));
                if (row.Allowed)
                {
                    Json(body).GetProperty("outcome").GetString().Should().NotBe("matched");
                }

                return true;
            }

            default:
                return false;
        }
    }

    private async Task<(Guid Id, string Question)> NewFaqAsync(Guid tenant, string? question = null)
    {
        question ??= Callers.Unique("יש חניה ליד המשרד");
        var answer = tenant == B ? "תשובה של עסק ב" : "יש חניון מול הבניין.";
        var created = await fx.NewFaqEntryAsync(tenant, FaqApi.EntryBody(question, answer));
        return (created.GetProperty("id").GetGuid(), question);
    }

    private async Task<(Guid Id, string Question)> NewFaqForRowAsync(MatrixRow row)
    {
        var (id, question) = await NewFaqAsync(row.Tenant);
        if (row.Target == Target.Other)
        {
            row.Foreign.AddRange([id.ToString(), question]);
        }

        return (id, question);
    }
}
