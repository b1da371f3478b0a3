using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProSaaS.Application.Calls.WrapUp;
using ProSaaS.Infrastructure.AfterCall;
using ProSaaS.Infrastructure.Projections;

// In the root namespace so that hosts see the extensions without an import.
namespace ProSaaS.Infrastructure;

public static class CallWrapUpRegistration
{
    /// <summary>
    /// The after-call queue: its inline projection (after the calls read model, whose rows it hangs off) and its reads, with
    /// the rule-based summarizer as the summarizer until a host configures one (<see cref="AddCallSummarizer"/>).
    /// </summary>
    public static IServiceCollection AddCallWrapUpQueue(this IServiceCollection services)
    {
        services.AddSingleton<IProjection, CallWrapUpProjection>();
        services.AddScoped<ICallWrapUpQueue, CallWrapUpQueue>();
        services.TryAddSingleton<SandboxCallSummarizer>();
        services.TryAddSingleton<ICallSummarizer>(provider => provider.GetRequiredService<SandboxCallSummarizer>());
        return services;
    }

    /// <summary>
    /// <see cref="OpenAiSummaryOptions"/> bound to <c>OpenAI:*</c> and the <see cref="ICallSummarizer"/> they call for: the OpenAI
    /// chat model on a typed <see cref="HttpClient"/> when <c>OpenAI:ApiKey</c> is set, otherwise the rules.
    /// </summary>
    public static IServiceCollection AddCallSummarizer(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(OpenAiSummaryOptions.Section);
        services.AddOptions<OpenAiSummaryOptions>().Bind(section);
        var options = section.Get<OpenAiSummaryOptions>() ?? new OpenAiSummaryOptions();
        services.TryAddSingleton<SandboxCallSummarizer>();
        if (options.IsSandbox)
        {
            services.TryAddSingleton<ICallSummarizer>(provider => provider.GetRequiredService<SandboxCallSummarizer>());
            return services;
        }

        if (options.SummaryTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{OpenAiSummaryOptions.Section}:SummaryTimeout must be positive; it is {options.SummaryTimeout}.");
        }

        var baseAddress = options.BaseAddress();
        // Replaces the rule-based default of AddCallWrapUpQueue.
        services.RemoveAll<ICallSummarizer>();
        services.AddHttpClient<ICallSummarizer, OpenAiCallSummarizer>(client =>
        {
            client.BaseAddress = baseAddress;
            // Each request has its own timeout (OpenAI:SummaryTimeout).
            client.Timeout = Timeout.InfiniteTimeSpan;
        });
        return services;
    }
}
