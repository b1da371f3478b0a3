using ProSaaS.Domain.Common;
using ProSaaS.Domain.Webhooks;

namespace ProSaaS.Domain.Tests.Webhooks;

public sealed class WebhookEndpointTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 3, 9, 0, 0, TimeSpan.Zero);

    private static WebhookEndpoint Create(IEnumerable<string>? types = null, WebhookEndpointKind kind = WebhookEndpointKind.Generic) =>
        WebhookEndpoint.Create(Guid.NewGuid(), " https://hooks.example.com/a ", "  n8n  ", types ?? ["lead.updated", "lead.created", "lead.created"],
            kind, true, "protected", "whsec_…abcd", "user-1", At);

    [Fact]
    public void Creation_records_the_normalised_endpoint_and_never_the_secret_in_the_clear()
    {
        var endpoint = Create();
        var created = endpoint.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<WebhookEndpointCreated>().Subject;
        created.Url.Should().Be("https://hooks.example.com/a");
        created.Description.Should().Be("n8n");
        created.EventTypes.Should().Equal("lead.created", "lead.updated");
        created.ProtectedSecret.Should().Be("protected");
        created.Enabled.Should().BeTrue();
        endpoint.Kind.Should().Be(WebhookEndpointKind.Generic);
    }

    [Fact]
    public void A_generic_endpoint_needs_known_event_types()
    {
        Invoking(() => Create([])).Should().Throw<DomainException>().Which.Code.Should().Be("webhook.events_required");
        Invoking(() => Create(["lead.exploded"])).Should().Throw<DomainException>().Which.Code.Should().Be("webhook.event_unknown");
        Invoking(() => Create(["webhook.test"])).Should().Throw<DomainException>().Which.Code.Should().Be("webhook.event_unknown");
    }

    [Fact]
    public void A_monday_transcript_endpoint_is_subscribed_to_completed_calls_only()
    {
        Create([], WebhookEndpointKind.MondayTranscript).EventTypes.Should().Equal("call.completed");
        Create(["call.completed"], WebhookEndpointKind.MondayTranscript).EventTypes.Should().Equal("call.completed");
        Invoking(() => Create(["lead.created"], WebhookEndpointKind.MondayTranscript))
            .Should().Throw<DomainException>().Which.Code.Should().Be("webhook.kind_events_fixed");
    }

    [Fact]
    public void Malformed_addresses_and_long_descriptions_are_refused()
    {
        Invoking(() => WebhookEndpoint.Create(Guid.NewGuid(), "not a url", null, ["lead.created"], WebhookEndpointKind.Generic, true, "p", "h", null, At))
            .Should().Throw<DomainException>().Which.Code.Should().Be(WebhookTargetRules.UrlInvalidCode);
        Invoking(() => WebhookEndpoint.Create(Guid.NewGuid(), "https://a.example.com", new string('x', 501), ["lead.created"],
                WebhookEndpointKind.Generic, true, "p", "h", null, At))
            .Should().Throw<DomainException>().Which.Code.Should().Be("webhook.description_too_long");
    }

    [Fact]
    public void Changes_are_recorded_only_when_something_changes()
    {
        var endpoint = Create();
        endpoint.MarkCommitted();
        endpoint.Change("https://hooks.example.com/a", "n8n", ["lead.updated", "lead.created"], true, "user-1", At);
        endpoint.UncommittedEvents.Should().BeEmpty();

        endpoint.Change("https://hooks.example.com/b", null, ["call.completed"], false, "user-1", At);
        var changed = endpoint.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<WebhookEndpointChanged>().Subject;
        changed.Enabled.Should().BeFalse();
        endpoint.Url.Should().Be("https://hooks.example.com/b");
        endpoint.EventTypes.Should().Equal("call.completed");
    }

    [Fact]
    public void Rotation_replaces_the_secret_and_a_deleted_endpoint_takes_no_more_changes()
    {
        var endpoint = Create();
        endpoint.RotateSecret("protected-2", "whsec_…wxyz", "user-1", At);
        endpoint.ProtectedSecret.Should().Be("protected-2");
        endpoint.SecretHint.Should().Be("whsec_…wxyz");

        endpoint.Delete("user-1", At);
        endpoint.IsDeleted.Should().BeTrue();
        endpoint.Enabled.Should().BeFalse();
        endpoint.Delete("user-1", At);
        endpoint.UncommittedEvents.OfType<WebhookEndpointDeleted>().Should().ContainSingle();
        Invoking(() => endpoint.RotateSecret("p", "h", null, At)).Should().Throw<DomainException>().Which.Code.Should().Be("webhook.deleted");
        Invoking(() => endpoint.Change("https://a.example.com", null, ["lead.created"], true, null, At)).Should().Throw<DomainException>();
    }

    private static Func<T> Invoking<T>(Func<T> action) => action;

    private static Action Invoking(Action action) => action;
}
