using System.Net;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

/// <summary>
/// The business's directory of people to assign work to: every caller of the business reads it, and it shows only its
/// active users by id, name and role — never an e-mail, never a user of another business.
/// </summary>
public sealed partial class RoleMatrixTests
{
    [MatrixArea]
    private static readonly EndpointSpec[] DirectoryEndpoints =
    [
        new("GET /api/v1/users/directory", Role.Agent, HttpStatusCode.OK),
    ];

    [MatrixArea]
    private async Task<bool> DirectoryRowAsync(MatrixRow row)
    {
        if (row.Endpoint != "GET /api/v1/users/directory")
        {
            return false;
        }

        var body = await row.Call(row.Client.GetAsync("/api/v1/users/directory"));
        var entries = Json(body).EnumerateArray().ToList();
        entries.Select(e => e.GetProperty("id").GetGuid()).Should().Contain(
            [fx.Users[(A, Role.Owner)], fx.Users[(A, Role.Admin)], fx.Users[(A, Role.Agent)]]);
        entries.Select(e => e.GetProperty("id").GetGuid()).Should().NotIntersectWith(UsersOf(B));
        body.Should().NotContain("@", "the directory carries no e-mail addresses");
        return true;
    }

    [Fact]
    public async Task The_directory_lists_active_users_by_name_with_their_role_only()
    {
        var disabled = await fx.NewUserAsync(A, Role.Agent, disabled: true);
        var active = await fx.NewUserAsync(A, Role.Admin);
        var agent = await fx.ClientAsync(A, Caller.AgentSession);

        var response = await agent.GetAsync("/api/v1/users/directory");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var entries = Json(await response.Content.ReadAsStringAsync()).EnumerateArray().ToList();

        var ids = entries.Select(e => e.GetProperty("id").GetGuid()).ToList();
        ids.Should().Contain(active).And.NotContain(disabled, "a disabled user cannot be given work");
        ids.Should().OnlyHaveUniqueItems();
        entries.Should().OnlyContain(e => e.EnumerateObject().Select(p => p.Name).SequenceEqual(new[] { "id", "displayName", "role" }));
        var fresh = entries.Single(e => e.GetProperty("id").GetGuid() == active);
        fresh.GetProperty("displayName").GetString().Should().Be("משתמש חדש");
        fresh.GetProperty("role").GetString().Should().Be("admin");
        entries.Single(e => e.GetProperty("id").GetGuid() == fx.Users[(A, Role.Owner)]).GetProperty("role").GetString().Should().Be("owner");
        var names = entries.Select(e => e.GetProperty("displayName").GetString()!).ToList();
        names.Should().BeInAscendingOrder(StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("he-IL"), ignoreCase: true));
    }

    [Fact]
    public async Task Each_business_sees_only_its_own_directory()
    {
        var bUser = await fx.NewUserAsync(B, Role.Agent);
        var fromA = await (await fx.ClientAsync(A, Caller.AgentKey)).GetStringAsync("/api/v1/users/directory");
        var fromB = await (await fx.ClientAsync(B, Caller.AgentKey)).GetStringAsync("/api/v1/users/directory");

        Json(fromA).EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).Should().NotContain(bUser).And.NotIntersectWith(UsersOf(B));
        Json(fromB).EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).Should().Contain(bUser).And.NotIntersectWith(UsersOf(A));
    }
}
