using System.Net;
using System.Net.Http.Json;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

public sealed partial class RoleMatrixTests
{
    [MatrixArea]
    private static readonly EndpointSpec[] LeadCrmEndpoints =
    [
        new("PATCH /api/v1/leads/{id}", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("PUT /api/v1/leads/{id}/assignee", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("GET /api/v1/leads/{id}/activity", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("GET /api/v1/leads/board", Role.Agent, HttpStatusCode.OK),
        new("DELETE /api/v1/leads/{id}", Role.Admin, HttpStatusCode.NoContent, Targeted: true),
        new("POST /api/v1/leads/bulk-delete", Role.Admin, HttpStatusCode.OK),
    ];

    [MatrixArea]
    private async Task<bool> LeadCrmRowAsync(MatrixRow row)
    {
        switch (row.Endpoint)
        {
            case "PATCH /api/v1/leads/{id}":
            {
                var (id, name) = await NewForeignAwareLeadAsync(row);
                var renamed = Callers.Unique("שם מתוקן");
                await row.Call(row.Client.PatchAsJsonAsync($"/api/v1/leads/{id}", new { name = renamed }));
                (await Scalar<string>("select name from leads where id = $1", id)).Should().Be(row.Allowed ? renamed : name);
                return true;
            }

            case "PUT /api/v1/leads/{id}/assignee":
            {
                var (id, _) = await NewForeignAwareLeadAsync(row);
                var agent = fx.Users[(A, Role.Agent)];
                await row.Call(row.Client.PutAsJsonAsync($"/api/v1/leads/{id}/assignee", new { userId = agent }));
                (await Scalar<Guid?>("select assignee_user_id from leads where id = $1", id)).Should().Be(row.Allowed ? agent : null);
                return true;
            }

            case "GET /api/v1/leads/{id}/activity":
            {
                var (id, _) = await NewForeignAwareLeadAsync(row);
                var body = await row.Call(row.Client.GetAsync($"/api/v1/leads/{id}/activity"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("items")[0].GetProperty("type").GetString().Should().Be("lead_captured");
                }

                return true;
            }

            case "GET /api/v1/leads/board":
            {
                var (own, ownName) = await NewLeadAsync(A);
                var (other, otherName) = await NewLeadAsync(B);
                row.Foreign.AddRange([other.ToString(), otherName]);
                var body = await row.Call(row.Client.GetAsync($"/api/v1/leads/board?search={Uri.EscapeDataString(ownName)}"));
                if (row.Allowed)
                {
                    body.Should().Contain(own.ToString());
                    var searchOther = await row.Call(row.Client.GetAsync($"/api/v1/leads/board?search={Uri.EscapeDataString(otherName)}"));
                    searchOther.Should().NotContain(other.ToString());
                }

                return true;
            }

            case "DELETE /api/v1/leads/{id}":
            {
                var (id, _) = await NewForeignAwareLeadAsync(row);
                await row.Call(row.Client.DeleteAsync($"/api/v1/leads/{id}"));
                (await Count("select count(*) from leads where id = $1", id)).Should().Be(row.Allowed ? 0 : 1);
                return true;
            }

            case "POST /api/v1/leads/bulk-delete":
            {
                var (own, _) = await NewLeadAsync(A);
                var (other, _) = await NewLeadAsync(B);
                var body = await row.Call(row.Client.PostAsJsonAsync("/api/v1/leads/bulk-delete", new { leadIds = new[] { own, other } }));
                (await Count("select count(*) from leads where id = $1", own)).Should().Be(row.Allowed ? 0 : 1);
                (await Count("select count(*) from leads where id = $1", other)).Should().Be(1, "another business's lead is never deleted");
                if (row.Allowed)
                {
                    Json(body).GetProperty("notFound").EnumerateArray().Select(e => e.GetGuid()).Should().Equal(other);
                }

                return true;
            }

            default:
                return false;
        }
    }

    /// <summary>A lead of the row's target business; B's id and name join the markers that must not leak.</summary>
    private async Task<(Guid Id, string Name)> NewForeignAwareLeadAsync(MatrixRow row)
    {
        var (id, name) = await NewLeadAsync(row.Tenant);
        if (row.Target == Target.Other)
        {
            row.Foreign.AddRange([id.ToString(), name]);
        }

        return (id, name);
    }
}
