using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Tests.Crm;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Leads;
using ProSaaS.Application.Outbound;
using ProSaaS.Application.Outbound.StartOutboundCalls;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Tenants;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Outbound;

/// <summary>
/// The checks that come before outbound calls are placed, on the real read models: the template usable, the leads the
/// business's with a phone, a number to call from.
/// </summary>
public sealed class OutboundStartPlanningTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    private Guid A => fx.TenantA;

    private Guid B => fx.TenantB;

    [Fact]
    public async Task A_plan_names_each_lead_in_order_with_its_phone_and_greeting()
    {
        var template = await fx.NewTemplateAsync(A);
        var first = await fx.NewLeadAsync(A);
        var second = await fx.NewLeadAsync(A);

        var plan = await PlanAsync(A, [second.Id, first.Id], template.GetProperty("id").GetGuid());

        plan.TenantId.Should().Be(A.ToString());
        plan.BusinessName.Should().Be("עסק א");
        plan.FromNumber.Should().Be("+972501110001");
        plan.Limits.Should().Be(TenantLimits.Default);
        plan.Template.Id.Should().Be(template.GetProperty("id").GetGuid());
        plan.Template.PromptText.Should().Be(template.GetProperty("promptText").GetString());
        plan.Targets.Should().Equal(
            new OutboundCallTarget(second.Id, second.Name, second.Phone, $"שלום {second.Name}, מדברים מעסק א."),
            new OutboundCallTarget(first.Id, first.Name, first.Phone, $"שלום {first.Name}, מדברים מעסק א."));
    }

    [Fact]
    public async Task Only_an_active_template_of_the_business_may_be_used()
    {
        var lead = await fx.NewLeadAsync(A);
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var inactive = (await fx.NewTemplateAsync(A, active: false)).GetProperty("id").GetGuid();
        var deleted = (await fx.NewTemplateAsync(A)).GetProperty("id").GetGuid();
        (await admin.DeleteAsync($"{OutboundApi.Templates}/{deleted}")).EnsureSuccessStatusCode();
        var foreign = (await fx.NewTemplateAsync(B)).GetProperty("id").GetGuid();

        foreach (var template in new[] { inactive, deleted })
        {
            var refused = await FluentActions.Awaiting(() => PlanAsync(A, [lead.Id], template)).Should().ThrowAsync<BusinessRuleException>();
            refused.Which.Code.Should().Be("outbound.template_inactive");
            refused.Which.Message.Should().MatchRegex("[א-ת]");
        }

        await FluentActions.Awaiting(() => PlanAsync(A, [lead.Id], foreign)).Should().ThrowAsync<NotFoundException>();
        await FluentActions.Awaiting(() => PlanAsync(A, [lead.Id], Guid.NewGuid())).Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task Every_lead_must_be_the_businesss_and_have_a_phone()
    {
        var template = (await fx.NewTemplateAsync(A)).GetProperty("id").GetGuid();
        var lead = await fx.NewLeadAsync(A);
        var foreign = await fx.NewLeadAsync(B);
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var name = Callers.Unique("בלי טלפון");
        var withoutPhone = (await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync("/api/v1/leads", new { name }), "a lead without a phone"))
            .GetProperty("id").GetGuid();

        var notFound = await FluentActions.Awaiting(() => PlanAsync(A, [lead.Id, foreign.Id], template)).Should().ThrowAsync<NotFoundException>();
        notFound.Which.Resource.Should().Be("lead");
        notFound.Which.Key.Should().Be(foreign.Id);
        var noPhone = await FluentActions.Awaiting(() => PlanAsync(A, [lead.Id, withoutPhone], template)).Should().ThrowAsync<BusinessRuleException>();
        noPhone.Which.Code.Should().Be("outbound.lead_without_phone");
        noPhone.Which.Message.Should().Contain(name);
    }

    private async Task<OutboundCallPlan> PlanAsync(Guid tenant, IReadOnlyList<Guid> leadIds, Guid templateId)
    {
        await using var scope = fx.Api.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        return await OutboundCallPlanning.PlanAsync(
            services.GetRequiredService<IOutboundTemplateQueries>(), services.GetRequiredService<ILeadQueries>(),
            services.GetRequiredService<ITenantQueries>(), tenant.ToString(), new StartOutboundCalls(leadIds, templateId), CancellationToken.None);
    }
}
