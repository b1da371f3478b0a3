using MediatR;
using ProSaaS.Application.Overview.GetOverview;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Endpoints;

/// <summary>The dashboard's first page: the business's figures at a glance.</summary>
public static class OverviewEndpoints
{
    public static IEndpointRouteBuilder MapOverviewEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/overview").WithTags("Overview")
            .MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetOverview(), ct))
            .ForTenantRole(Role.Agent, "The business at a glance",
                "Counted in one read, in the business's time zone (`timeZone`; `today` is its local date): `calls` — started today, " +
                "in all, holding a line now (`active`) and the latest five with their status; `leads` — captured today, this week " +
                "(since Sunday 00:00) and in all; `appointments` — how many are booked from now on and the next five (`start`/`end` in " +
                "UTC); `callsPerDay` — the last 14 local days, oldest first, days without calls included; `funnel` — the number of " +
                "leads in each of the business's lead statuses, in its order (`label`, `color`). `hasPhoneNumber` says whether callers " +
                "can reach the business yet; `isEmpty` is true while it has no call, lead or upcoming appointment.")
            .Produces<OverviewView>();
        return app;
    }
}
