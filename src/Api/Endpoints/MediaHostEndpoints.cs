using MediatR;
using ProSaaS.Api.Auth;
using ProSaaS.Application.Calls.HangUpCall;
using ProSaaS.Application.Calls.RecordCallHeartbeat;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Api.Endpoints;

/// <summary>
/// The internal routes the media host calls about one call (<see cref="MediaHostContract"/>): service key only, the
/// business taken from the route (the media host has it from the call's verified stream token), never shown in the public
/// API documentation.
/// </summary>
public static class MediaHostEndpoints
{
    /// <summary>
    /// A route group at <c>/internal/v1/tenants/{tenantId}/calls/{callId}</c> that only the media host's service key reaches,
    /// with the request's business set from the route. Each area maps its internal routes on a group of its own.
    /// </summary>
    public static RouteGroupBuilder MapMediaHostCallGroup(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(MediaHostContract.BasePath + "/tenants/{tenantId}/calls/{callId:guid}")
            .RequireAuthorization(AuthSetup.MediaHostPolicy)
            .ExcludeFromDescription();
        group.AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            var tenantId = http.GetRouteValue("tenantId") as string;
            if (!StreamToken.IsValidTenantId(tenantId))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "העסק לא נמצא.");
            }

            var context = http.RequestServices.GetRequiredService<RequestContext>();
            context.TenantId = tenantId;
            context.UserName = AuthClaims.MediaHostSubject;
            context.SetHeader("auth", AuthClaims.ServiceMethod);
            return await next(invocation);
        });
        return group;
    }

    public static IEndpointRouteBuilder MapMediaHostEndpoints(this IEndpointRouteBuilder app)
    {
        var call = app.MapMediaHostCallGroup();

        call.MapPost("/heartbeat", async (Guid callId, IMediator mediator, CancellationToken ct) =>
            await mediator.Send(new RecordCallHeartbeat(callId), ct)
                ? Results.NoContent()
                : throw new ConflictException(HangUpCallHandler.NotLiveCode, "השיחה הסתיימה או אינה קיימת."));

        return app;
    }
}
