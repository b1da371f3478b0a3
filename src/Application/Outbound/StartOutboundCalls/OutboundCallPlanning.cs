using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Leads;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Outbound;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Outbound.StartOutboundCalls;

/// <summary>Whom to call, from which number, with which template and greeting: everything placing the calls needs.</summary>
/// <param name="FromNumber">The business's number the calls come from (its first number, E.164).</param>
/// <param name="Limits">The business's call limits, for taking the slots.</param>
public sealed record OutboundCallPlan(
    string TenantId,
    string BusinessName,
    string FromNumber,
    TenantLimits Limits,
    OutboundTemplateView Template,
    IReadOnlyList<OutboundCallTarget> Targets);

/// <param name="Phone">The lead's number, E.164.</param>
/// <param name="Greeting">The template's greeting rendered for this lead.</param>
public sealed record OutboundCallTarget(Guid LeadId, string? LeadName, string Phone, string Greeting);

/// <summary>The business checks of <see cref="StartOutboundCalls"/>, after its validator.</summary>
public static class OutboundCallPlanning
{
    public const string LeadWithoutPhoneCode = "outbound.lead_without_phone";
    public const string NoCallerNumberCode = "outbound.no_caller_number";
    public const string NoCallerNumberMessage = "לעסק אין מספר טלפון שאפשר להתקשר ממנו; פנו למנהל המערכת.";
    public const string TenantSuspendedCode = "outbound.tenant_suspended";
    public const string TenantSuspendedMessage = "העסק מושעה, ולכן אי אפשר להתקשר ממנו כרגע.";

    /// <summary>
    /// 404 when the template or a lead is not the business's; 422 <c>outbound.template_inactive</c> when the template is
    /// inactive or deleted, <c>outbound.lead_without_phone</c> when a lead has no number, <c>outbound.no_caller_number</c>
    /// when the business has no number to call from, <c>outbound.tenant_suspended</c> when it is suspended. Leads keep the
    /// order they were given in.
    /// </summary>
    public static async Task<OutboundCallPlan> PlanAsync(
        IOutboundTemplateQueries templates,
        ILeadQueries leads,
        ITenantQueries tenants,
        string tenantId,
        StartOutboundCalls request,
        CancellationToken cancellationToken)
    {
        var template = await templates.GetAsync(tenantId, request.TemplateId, cancellationToken);
        if (template is null)
        {
            var known = await templates.NamesAsync(tenantId, [request.TemplateId], cancellationToken);
            throw known.ContainsKey(request.TemplateId)
                ? new BusinessRuleException(OutboundTemplate.InactiveCode, OutboundTemplate.InactiveMessage)
                : new NotFoundException(OutboundTemplates.Resource, request.TemplateId);
        }

        if (!template.Active)
        {
            throw new BusinessRuleException(OutboundTemplate.InactiveCode, OutboundTemplate.InactiveMessage);
        }

        var targets = new List<OutboundCallTarget>(request.LeadIds.Count);
        var business = await tenants.GetProfileAsync(tenantId, cancellationToken)
                       ?? throw new NotFoundException("tenant", tenantId);
        if (business.Status == TenantStatus.Suspended)
        {
            throw new BusinessRuleException(TenantSuspendedCode, TenantSuspendedMessage);
        }

        foreach (var leadId in request.LeadIds)
        {
            var lead = await leads.GetAsync(tenantId, leadId, cancellationToken) ?? throw new NotFoundException("lead", leadId);
            if (string.IsNullOrEmpty(lead.Phone))
            {
                throw new BusinessRuleException(LeadWithoutPhoneCode, LeadWithoutPhoneMessage(lead.Name));
            }

            targets.Add(new OutboundCallTarget(lead.Id, lead.Name, lead.Phone,
                OutboundGreeting.Render(template.GreetingTemplate, lead.Name, business.Name)));
        }

        var from = business.PhoneNumbers.FirstOrDefault()
                   ?? throw new BusinessRuleException(NoCallerNumberCode, NoCallerNumberMessage);
        return new OutboundCallPlan(tenantId, business.Name, from, business.Limits, template, targets);
    }

    public static string LeadWithoutPhoneMessage(string? leadName) =>
        string.IsNullOrWhiteSpace(leadName)
            ? "לאחד הלידים שנבחרו אין מספר טלפון; אי אפשר להתקשר אליו."
            : $"לליד {leadName.Trim()} אין מספר טלפון; אי אפשר להתקשר אליו.";
}
