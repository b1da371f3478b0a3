using System.Net;
using System.Net.Http.Json;
using ProSaaS.Api.Tests.Outbound;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

public sealed partial class RoleMatrixTests
{
    [MatrixArea]
    private static readonly EndpointSpec[] OutboundAreaEndpoints =
    [
        new("POST /api/v1/outbound/templates", Role.Admin, HttpStatusCode.Created),
        new("GET /api/v1/outbound/templates", Role.Agent, HttpStatusCode.OK),
        new("GET /api/v1/outbound/templates/{id}", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("PUT /api/v1/outbound/templates/{id}", Role.Admin, HttpStatusCode.OK, Targeted: true),
        new("DELETE /api/v1/outbound/templates/{id}", Role.Admin, HttpStatusCode.NoContent, Targeted: true),
    ];

    [MatrixArea]
    private async Task<bool> OutboundRowAsync(MatrixRow row)
    {
        switch (row.Endpoint)
        {
            case "POST /api/v1/outbound/templates":
            {
                var name = Callers.Unique("תבנית");
                var body = await row.Call(row.Client.PostAsJsonAsync(OutboundApi.Templates, OutboundApi.TemplateBody(name)));
                if (row.Allowed)
                {
                    Json(body).GetProperty("name").GetString().Should().Be(name);
                }

                (await Count("select count(*) from outbound_templates where name = $1", name)).Should().Be(row.Allowed ? 1 : 0);
                (await Count("select count(*) from outbound_templates where name = $1 and tenant_id = $2", name, A.ToString()))
                    .Should().Be(row.Allowed ? 1 : 0);
                return true;
            }

            case "GET /api/v1/outbound/templates":
            {
                var (own, _) = await NewOutboundTemplateAsync(A);
                var (other, otherName) = await NewOutboundTemplateAsync(B);
                row.Foreign.AddRange([other.ToString(), otherName]);
                var body = await row.Call(row.Client.GetAsync($"{OutboundApi.Templates}?limit=100&includeInactive=true"));
                if (row.Allowed)
                {
                    var ids = Json(body).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
                    ids.Should().Contain(own).And.NotContain(other);
                }

                return true;
            }

            case "GET /api/v1/outbound/templates/{id}":
            {
                var (id, name) = await NewOutboundTemplateForRowAsync(row);
                var body = await row.Call(row.Client.GetAsync($"{OutboundApi.Templates}/{id}"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("name").GetString().Should().Be(name);
                }

                return true;
            }

            case "PUT /api/v1/outbound/templates/{id}":
            {
                var (id, name) = await NewOutboundTemplateForRowAsync(row);
                var renamed = Callers.Unique("שם חדש");
                await row.Call(row.Client.PutAsJsonAsync($"{OutboundApi.Templates}/{id}", OutboundApi.TemplateBody(renamed)));
                (await Scalar<string>("select name from outbound_templates where id = $1", id)).Should().Be(row.Allowed ? renamed : name);
                (await Scalar<long>("select version from outbound_templates where id = $1", id)).Should().Be(row.Allowed ? 2 : 1);
                return true;
            }

            case "DELETE /api/v1/outbound/templates/{id}":
            {
                var (id, _) = await NewOutboundTemplateForRowAsync(row);
                await row.Call(row.Client.DeleteAsync($"{OutboundApi.Templates}/{id}"));
                (await Scalar<bool>("select deleted_at is not null from outbound_templates where id = $1", id)).Should().Be(row.Allowed);
                (await Count("select count(*) from mt_events where stream_id = $1", id)).Should().Be(row.Allowed ? 2 : 1);
                return true;
            }

            default:
                return false;
        }
    }

    private async Task<(Guid Id, string Name)> NewOutboundTemplateAsync(Guid tenant)
    {
        var created = await fx.NewTemplateAsync(tenant);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("name").GetString()!);
    }

    private async Task<(Guid Id, string Name)> NewOutboundTemplateForRowAsync(MatrixRow row)
    {
        var (id, name) = await NewOutboundTemplateAsync(row.Tenant);
        if (row.Target == Target.Other)
        {
            row.Foreign.AddRange([id.ToString(), name]);
        }

        return (id, name);
    }
}
