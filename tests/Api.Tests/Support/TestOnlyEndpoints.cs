using System.Net.Http.Json;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Leads.CaptureLead;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Api.Tests.Support;

/// <summary>
/// Endpoints that exist only in these tests, appended after the Api's whole pipeline (correlation, request logging,
/// exception handler), so that requests reach the real MediatR pipeline exactly as business endpoints will.
/// </summary>
public sealed class TestOnlyEndpoints : IStartupFilter
{
    public const string Prefix = "/api/test-only";

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<IStartupFilter, TestOnlyEndpoints>();
        services.AddScoped<IRequestHandler<ThrowingCommand, Unit>, ThrowingCommandHandler>();
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);

        app.Map(Prefix + "/capture-invalid", branch => branch.Run(async context =>
        {
            Context(context).TenantId = "tenant-invalid";
            var fields = Enumerable.Range(1, 51).ToDictionary(i => $"field{i}", i => "value");
            await Mediator(context).Send(new CaptureLead(new string('א', 201), "abc", "x@", LeadSource.Api, fields));
        }));

        app.Map(Prefix + "/throw", branch => branch.Run(async context =>
        {
            await Mediator(context).Send(new ThrowingCommand(context.Request.Query["kind"].ToString()));
        }));

        app.Map(Prefix + "/capture", branch => branch.Run(async context =>
        {
            Context(context).TenantId = context.Request.Query["tenant"].ToString();
            var id = await Mediator(context).Send(new CaptureLead("דנה כהן", "050-1234567", "dana@example.co.il", LeadSource.Api));
            await context.Response.WriteAsJsonAsync(new { id });
        }));
    };

    private static IMediator Mediator(HttpContext context) => context.RequestServices.GetRequiredService<IMediator>();

    private static RequestContext Context(HttpContext context) => context.RequestServices.GetRequiredService<RequestContext>();
}

public sealed record ThrowingCommand(string Kind) : IRequest<Unit>;

public sealed class ThrowingCommandHandler : IRequestHandler<ThrowingCommand, Unit>
{
    public Task<Unit> Handle(ThrowingCommand request, CancellationToken cancellationToken) => request.Kind switch
    {
        "concurrency" => throw new ConcurrencyException(Guid.NewGuid(), 3, 4),
        "not-found" => throw new NotFoundException("Lead", Guid.NewGuid()),
        "rule" => throw new BusinessRuleException("lead.status_unknown", "הסטטוס אינו מוגדר אצל העסק."),
        "bad-request" => throw new BadHttpRequestException("Malformed body"),
        "crash" => throw new InvalidOperationException("secret detail"),
        _ => Task.FromResult(Unit.Value),
    };
}
