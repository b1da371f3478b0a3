using MediatR;
using ProSaaS.Application.Webhooks;
using ProSaaS.Application.Webhooks.CreateWebhookEndpoint;
using ProSaaS.Application.Webhooks.DeleteWebhookEndpoint;
using ProSaaS.Application.Webhooks.GetWebhookEndpoint;
using ProSaaS.Application.Webhooks.ListWebhookDeliveries;
using ProSaaS.Application.Webhooks.ListWebhookEndpoints;
using ProSaaS.Application.Webhooks.ResendWebhookDelivery;
using ProSaaS.Application.Webhooks.RotateWebhookSecret;
using ProSaaS.Application.Webhooks.SendTestWebhook;
using ProSaaS.Application.Webhooks.UpdateWebhookEndpoint;
using ProSaaS.Domain.Users;
using ProSaaS.Domain.Webhooks;

namespace ProSaaS.Api.Endpoints;

public static class WebhookEndpoints
{
    private const string Signing =
        "Messages are POSTed as JSON `{ \"type\", \"timestamp\", \"data\" }` with the Standard Webhooks headers `webhook-id`, " +
        "`webhook-timestamp` and `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` with the secret's bytes).";

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks");

        webhooks.MapPost("/", async (CreateWebhookRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(
                    new CreateWebhookEndpoint(body.Url, body.Description, body.EventTypes, body.Kind, body.Enabled), ct);
                return Results.Created($"/api/v1/webhooks/{created.Id}", created);
            })
            .ForTenantRole(Role.Admin, "Create a webhook endpoint",
                "Subscribes an https address to event types (" + string.Join(", ", WebhookEventTypes.Subscribable.Select(t => $"`{t}`")) + "). " +
                "`kind` `monday_transcript` makes a Monday.com call-transcript endpoint: subscribed to `call.completed` only, with the " +
                "transcript as text. The answer carries the signing `secret` (`whsec_…`) — the only time it is shown. " + Signing + " " +
                "Addresses on the local machine or a private network are refused (422 `webhook.url_private_target`), as is plain http " +
                "(422 `webhook.url_not_https`).")
            .Produces<CreatedWebhookEndpoint>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();

        webhooks.MapGet("/", (int? limit, string? next, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListWebhookEndpoints(limit ?? WebhookLimits.DefaultPageSize, next), ct))
            .ForTenantRole(Role.Admin, "List webhook endpoints",
                "Newest first; `limit` is 1–100 (default 25); pass the `next` of a page to get the following one (null on the last page). " +
                "Secrets are never listed, only `secretHint`.")
            .Produces<WebhookEndpointPage>()
            .ProducesValidationProblem();

        webhooks.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetWebhookEndpoint(id), ct))
            .ForTenantRole(Role.Admin, "Get a webhook endpoint", "Without its secret: only `secretHint`.")
            .Produces<WebhookEndpointView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapPut("/{id:guid}", (Guid id, UpdateWebhookRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new UpdateWebhookEndpoint(id, body.Url, body.Description, body.EventTypes, body.Enabled), ct))
            .ForTenantRole(Role.Admin, "Change a webhook endpoint",
                "Replaces the address, description, event types and `enabled`. A disabled endpoint is sent nothing: events meanwhile " +
                "are not queued for it, and waiting deliveries continue only when it is enabled again.")
            .Produces<WebhookEndpointView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();

        webhooks.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteWebhookEndpoint(id), ct);
                return Results.NoContent();
            })
            .ForTenantRole(Role.Admin, "Delete a webhook endpoint", "Nothing more is sent to it; its delivery log is deleted with it.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapPost("/{id:guid}/rotate-secret", (Guid id, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RotateWebhookSecret(id), ct))
            .ForTenantRole(Role.Admin, "Replace a webhook endpoint's signing secret",
                "The new secret is in this answer only. Every attempt from now on, retries of earlier messages included, is signed with it.")
            .Produces<RotatedWebhookSecret>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapGet("/{id:guid}/deliveries", (Guid id, int? limit, string? next, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListWebhookDeliveries(id, limit ?? WebhookLimits.DefaultPageSize, next), ct))
            .ForTenantRole(Role.Admin, "List a webhook endpoint's deliveries",
                "Newest first, each message with its `status` (`pending`, `succeeded`, `failed` — retrying at `nextAttemptAt` — or `dead`), " +
                "its body and every attempt: time, trigger, HTTP status, duration, a short error and the start of the answer. " +
                "`limit` is 1–100 (default 25); pass the `next` of a page to get the following one.")
            .Produces<WebhookDeliveryPage>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        webhooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/resend", async (Guid id, Guid deliveryId, IMediator mediator, CancellationToken ct) =>
                Results.Accepted($"/api/v1/webhooks/{id}/deliveries", await mediator.Send(new ResendWebhookDelivery(id, deliveryId), ct)))
            .ForTenantRole(Role.Admin, "Send a delivery again",
                "Whatever its status: one more attempt now, with the same `webhook-id` and a new timestamp and signature. If it fails, " +
                "it is retried while the delivery has attempts left. The endpoint must be enabled (422 `webhook.endpoint_disabled`).")
            .Produces<WebhookDeliveryView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        webhooks.MapPost("/{id:guid}/test", async (Guid id, IMediator mediator, CancellationToken ct) =>
                Results.Accepted($"/api/v1/webhooks/{id}/deliveries", await mediator.Send(new SendTestWebhook(id), ct)))
            .ForTenantRole(Role.Admin, "Send a test message",
                "Queues a `webhook.test` message to the endpoint for sending now, retried like any other; follow it in the delivery log. " +
                "The endpoint must be enabled (422 `webhook.endpoint_disabled`).")
            .Produces<WebhookDeliveryView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return app;
    }
}

/// <param name="Url">Where to POST the messages: https (a business's public address).</param>
/// <param name="Description">What the endpoint is for, for people.</param>
/// <param name="EventTypes">The event types to send, e.g. `lead.created`. For `monday_transcript` omit it (always `call.completed`).</param>
/// <param name="Kind">`generic` (default) or `monday_transcript`.</param>
/// <param name="Enabled">Whether to send at all (default true).</param>
public sealed record CreateWebhookRequest(string Url, string? Description, IReadOnlyList<string>? EventTypes, WebhookEndpointKind? Kind, bool? Enabled);

/// <param name="Url">Where to POST the messages.</param>
/// <param name="Description">What the endpoint is for.</param>
/// <param name="EventTypes">The event types to send (all of them: this replaces the list).</param>
/// <param name="Enabled">Whether to send at all.</param>
public sealed record UpdateWebhookRequest(string Url, string? Description, IReadOnlyList<string>? EventTypes, bool? Enabled);
