using ProSaaS.Api.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace ProSaaS.Api.Telephony;

public static class CallsRegistration
{
    /// <summary>
    /// Calls: the media streams Twilio's webhooks connect calls to (<c>MediaHost:*</c>, checked at start-up) and the lost
    /// call scan (<c>Calls:*</c>). <c>Twilio:*</c> is bound with the telephony gateway (<c>AddTelephony</c>).
    /// </summary>
    public static IServiceCollection AddCalls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<MediaHostOptions>, MediaHostOptionsValidation>();
        services.AddOptions<MediaHostOptions>().BindConfiguration(MediaHostOptions.Section).ValidateOnStart();
        services.AddSingleton<MediaStreams>();

        var calls = configuration.GetSection(CallsOptions.Section).Get<CallsOptions>() ?? new CallsOptions();
        if (calls.LostAfterSeconds <= 0)
        {
            throw new InvalidOperationException($"{CallsOptions.Section}:LostAfterSeconds must be a positive number of seconds; it is {calls.LostAfterSeconds}.");
        }

        if (calls.ReclaimScanSeconds < 0)
        {
            throw new InvalidOperationException($"{CallsOptions.Section}:ReclaimScanSeconds must be 0 (off) or a number of seconds; it is {calls.ReclaimScanSeconds}.");
        }

        services.AddOptions<CallsOptions>().BindConfiguration(CallsOptions.Section);
        if (calls.ReclaimScanSeconds > 0)
        {
            services.AddQuartz(quartz => quartz.ScheduleJob<LostCallReclaimJob>(trigger => trigger
                .WithIdentity(LostCallReclaimJob.Name)
                .StartNow()
                .WithSimpleSchedule(TimeSpan.FromSeconds(calls.ReclaimScanSeconds))));
            services.AddQuartzHostedServiceOnce();
        }

        return services;
    }
}

/// <summary>Refuses to start with stream settings that cannot work (outside Development, missing ones too).</summary>
internal sealed class MediaHostOptionsValidation(IHostEnvironment environment) : IValidateOptions<MediaHostOptions>
{
    public ValidateOptionsResult Validate(string? name, MediaHostOptions options)
    {
        var problems = options.Problems(environment.IsDevelopment()).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
