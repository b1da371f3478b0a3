using ProSaaS.Api.Auth;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Endpoints;

public static class EndpointConventions
{
    /// <summary>
    /// Admits <paramref name="minimum"/> and every higher role, and says so in the OpenAPI description together with
    /// the error shapes every protected endpoint can answer.
    /// </summary>
    public static RouteHandlerBuilder ForRole(this RouteHandlerBuilder builder, Role minimum, string summary, string? description = null)
    {
        var roles = string.Join(", ", Enum.GetValues<Role>().Where(r => r.IsAtLeast(minimum)).Select(r => r.ToWireName()));
        return builder
            .RequireAuthorization(AuthSetup.PolicyFor(minimum))
            .WithSummary(summary)
            .WithDescription($"{description}{(description is null ? "" : "\n\n")}**Roles:** {roles}.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>Tenant-scoped endpoints: the tenant comes from the principal; a system admin must have selected one.</summary>
    public static RouteHandlerBuilder ForTenantRole(this RouteHandlerBuilder builder, Role minimum, string summary, string? description = null) =>
        builder.ForRole(minimum, summary,
            (description is null ? "" : description + "\n\n") +
            "Acts on the caller's own business; a system admin acts on the business selected with `POST /api/v1/auth/tenant` (400 `tenant.selection_required` otherwise). Another business's resources answer 404.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
}
