using MediatR;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Leads.CaptureLead;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Application.Tests.Common;

public sealed record BreakRule : IRequest<int>;

public sealed class BreakRuleHandler : IRequestHandler<BreakRule, int>
{
    public Task<int> Handle(BreakRule request, CancellationToken cancellationToken) =>
        throw new DomainException("test.rule", "הכלל נשבר");
}

public sealed record Crash : IRequest<int>;

public sealed class CrashHandler : IRequestHandler<Crash, int>
{
    public Task<int> Handle(Crash request, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");
}

public sealed class PipelineTests(ApplicationHost host) : IClassFixture<ApplicationHost>
{
    [Fact]
    public async Task Domain_rule_violations_leave_the_pipeline_as_business_rule_errors_with_their_code()
    {
        var error = (await FluentActions.Invoking(() => host.SendAsync(new BreakRule())).Should().ThrowAsync<BusinessRuleException>()).Which;
        error.Code.Should().Be("test.rule");
        error.Message.Should().Be("הכלל נשבר");
        error.InnerException.Should().BeOfType<DomainException>();
    }

    [Fact]
    public async Task Every_request_is_logged_once_with_its_correlation_id_and_outcome()
    {
        await host.SendAsync(new CaptureLead("תמר", null, null, LeadSource.Api), correlationId: "corr-log-ok");
        await FluentActions.Invoking(() => host.SendAsync(new CaptureLead(null, null, null, LeadSource.Api), correlationId: "corr-log-invalid"))
            .Should().ThrowAsync<ValidationFailedException>();
        await FluentActions.Invoking(() => host.SendAsync(new Crash(), correlationId: "corr-log-crash")).Should().ThrowAsync<InvalidOperationException>();

        var entries = host.Logs.Entries.Where(e => e.Category.Contains("LoggingBehaviour")).ToList();
        entries.Should().ContainSingle(e => Equals(e.Scope["CorrelationId"], "corr-log-ok") && e.Level == LogLevel.Information && e.Message.StartsWith("Handled CaptureLead"));
        entries.Should().ContainSingle(e => Equals(e.Scope["CorrelationId"], "corr-log-invalid") && e.Message.StartsWith("Refused CaptureLead") && e.Message.Contains("ValidationFailedException"));
        var crash = entries.Should().ContainSingle(e => Equals(e.Scope["CorrelationId"], "corr-log-crash")).Subject;
        crash.Level.Should().Be(LogLevel.Error);
        crash.Exception.Should().BeOfType<InvalidOperationException>();
        entries.Where(e => Equals(e.Scope["CorrelationId"], "corr-log-ok")).Should().OnlyContain(e => Equals(e.Scope["TenantId"], "tenant-a"));
    }

    [Fact]
    public void Validation_errors_use_the_field_names_clients_send()
    {
        Application.Common.Behaviours.ValidationBehaviour<CaptureLead, Guid>.ToJsonPath("Fields[0].Key").Should().Be("fields[0].key");
        Application.Common.Behaviours.ValidationBehaviour<CaptureLead, Guid>.ToJsonPath("").Should().Be("$");
    }
}
