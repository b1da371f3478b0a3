using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Leads.CaptureLead;
using ProSaaS.Application.Leads.ChangeLeadStatus;
using ProSaaS.Application.Leads.GetLead;
using ProSaaS.Application.Leads.GetLeadAsOf;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Application.Tests.Leads;

public sealed class LeadUseCaseTests(ApplicationHost host) : IClassFixture<ApplicationHost>
{
    private async Task<Guid> CaptureAsync(CaptureLead request, string? tenant = "tenant-a") =>
        (await host.SendAsync(request, tenant: tenant)).LeadId;

    [Fact]
    public async Task Captured_lead_is_readable_at_once_from_the_read_model()
    {
        var id = await CaptureAsync(new CaptureLead("  אורית  ", "054 765 4321", "orit@example.co.il", LeadSource.Api,
            new Dictionary<string, string> { ["rooms"] = "4", ["city"] = "רעננה" }));

        var lead = await host.SendAsync(new GetLead(id));

        lead.Name.Should().Be("אורית");
        lead.Phone.Should().Be("+972547654321");
        lead.Email.Should().Be("orit@example.co.il");
        lead.Source.Should().Be("api");
        lead.Status.Should().Be("new");
        lead.Fields.Should().BeEquivalentTo(new Dictionary<string, string> { ["rooms"] = "4", ["city"] = "רעננה" });
        lead.Version.Should().Be(1);
    }

    [Fact]
    public async Task Status_change_updates_the_read_model_and_records_who_and_why()
    {
        var id = await CaptureAsync(new CaptureLead("גיל", null, null, LeadSource.Manual));

        var version = await host.SendAsync(new ChangeLeadStatus(id, "qualified", "תקציב מתאים", ExpectedVersion: 1), correlationId: "corr-status");

        version.Should().Be(2);
        (await host.SendAsync(new GetLead(id))).Status.Should().Be("qualified");
        (await host.Database.ScalarAsync<string>("select correlation_id from mt_events where stream_id = $1 and version = 2", id)).Should().Be("corr-status");
        (await host.Database.ScalarAsync<string>("select user_name from mt_events where stream_id = $1 and version = 2", id)).Should().Be("owner@example.co.il");
        (await host.Database.ScalarAsync<string>("select data->>'reason' from mt_events where stream_id = $1 and version = 2", id)).Should().Be("תקציב מתאים");
    }

    [Fact]
    public async Task A_change_based_on_a_stale_version_is_refused_and_changes_nothing()
    {
        var id = await CaptureAsync(new CaptureLead("רמי", null, null, LeadSource.Manual));
        await host.SendAsync(new ChangeLeadStatus(id, "contacted"));

        var act = () => host.SendAsync(new ChangeLeadStatus(id, "lost", ExpectedVersion: 1));

        (await act.Should().ThrowAsync<ConcurrencyException>()).Which.ActualVersion.Should().Be(2);
        (await host.SendAsync(new GetLead(id))).Status.Should().Be("contacted");
    }

    [Fact]
    public async Task Invalid_capture_lists_every_invalid_field()
    {
        var fields = Enumerable.Range(0, 51).ToDictionary(i => $"f{i}", i => "v");
        var act = () => host.SendAsync(new CaptureLead(new string('א', 201), "abc", "not-an-email", (LeadSource)99, fields));

        var error = (await act.Should().ThrowAsync<ValidationFailedException>()).Which;
        error.Errors.Keys.Should().BeEquivalentTo("name", "phone", "email", "source", "fields");
        error.Errors["phone"].Should().ContainSingle().Which.Should().Be("מספר הטלפון אינו תקין.");
        (await host.Database.ScalarAsync<long>("select count(*) from mt_events where tenant_id = 'tenant-a' and data->>'name' = $1", new string('א', 201)))
            .Should().Be(0);
    }

    [Fact]
    public async Task Capture_without_name_or_phone_is_a_validation_error_on_name()
    {
        var act = () => host.SendAsync(new CaptureLead(" ", null, "a@b.co", LeadSource.Api));
        (await act.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("name");
    }

    [Fact]
    public async Task Another_tenants_lead_is_not_found_and_unchangeable()
    {
        var id = await CaptureAsync(new CaptureLead("סוד", "0501112222", null, LeadSource.Call), tenant: "tenant-a");

        await FluentActions.Invoking(() => host.SendAsync(new GetLead(id), tenant: "tenant-b")).Should().ThrowAsync<NotFoundException>();
        await FluentActions.Invoking(() => host.SendAsync(new ChangeLeadStatus(id, "won"), tenant: "tenant-b")).Should().ThrowAsync<NotFoundException>();
        (await host.SendAsync(new GetLead(id), tenant: "tenant-a")).Status.Should().Be("new");
    }

    [Fact]
    public async Task Work_without_a_tenant_is_refused()
    {
        await FluentActions.Invoking(() => host.SendAsync(new CaptureLead("x", null, null, LeadSource.Api), tenant: null))
            .Should().ThrowAsync<TenantRequiredException>();
    }

    [Fact]
    public async Task Lead_as_of_an_earlier_version_shows_the_state_at_that_point()
    {
        var id = await CaptureAsync(new CaptureLead("ליאור", null, null, LeadSource.WhatsApp));
        await host.SendAsync(new ChangeLeadStatus(id, "contacted"));
        await host.SendAsync(new ChangeLeadStatus(id, "won"));

        (await host.SendAsync(new GetLeadAsOf(id, Version: 2))).Status.Should().Be("contacted");
        (await host.SendAsync(new GetLeadAsOf(id))).Status.Should().Be("won");
        await FluentActions.Invoking(() => host.SendAsync(new GetLeadAsOf(Guid.NewGuid()))).Should().ThrowAsync<NotFoundException>();
        await FluentActions.Invoking(() => host.SendAsync(new GetLeadAsOf(id, Version: 0))).Should().ThrowAsync<ValidationFailedException>();
    }

    [Fact]
    public async Task A_status_the_business_does_not_define_is_refused_with_its_code()
    {
        var id = await CaptureAsync(new CaptureLead("טל", null, null, LeadSource.Manual));

        var error = (await FluentActions.Invoking(() => host.SendAsync(new ChangeLeadStatus(id, "archived_forever")))
            .Should().ThrowAsync<BusinessRuleException>()).Which;

        error.Code.Should().Be(ChangeLeadStatusHandler.UnknownStatusCode);
        error.Message.Should().Contain("contacted");
        (await host.SendAsync(new GetLead(id))).Version.Should().Be(1);
    }
}
