using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Calls;

namespace ProSaaS.MediaHost.Outbox;

/// <summary>
/// A call's configuration from the Api's config route, asked when the call's stream starts: up to
/// <see cref="CallConfigFetchOptions.ConfigAttempts"/> tries within <see cref="CallConfigFetchOptions.ConfigBudgetMilliseconds"/>
/// (each try gets its share of the budget), retried only when the Api was away, slow or failed inside (a refused service
/// key is not retried: the caller is waiting). 404 and 409 mean the call is not live: no retry.
/// </summary>
public sealed partial class ApiCallConfigSource : ICallConfigSource
{
    private readonly MediaHostApiClient _api;
    private readonly ILogger<ApiCallConfigSource> _logger;
    private readonly ResiliencePipeline<ConfigAnswer> _pipeline;

    public ApiCallConfigSource(MediaHostApiClient api, IOptions<CallConfigFetchOptions> options, ILogger<ApiCallConfigSource> logger,
        TimeProvider time)
    {
        _api = api;
        _logger = logger;
        var settings = options.Value;
        var attempts = Math.Max(1, settings.ConfigAttempts);
        var builder = new ResiliencePipelineBuilder<ConfigAnswer> { TimeProvider = time }
            .AddTimeout(settings.Budget);
        if (attempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<ConfigAnswer>
            {
                MaxRetryAttempts = attempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                ShouldHandle = new PredicateBuilder<ConfigAnswer>()
                    .HandleResult(answer => answer.Config is null && answer.Answer is { Kind: ApiAnswerKind.Retry, Status: not (401 or 403) })
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>(),
                OnRetry = args =>
                {
                    LogRetry(args.AttemptNumber + 1, Failure(args.Outcome));
                    return ValueTask.CompletedTask;
                },
            });
        }

        _pipeline = builder.AddTimeout(settings.Budget / attempts).Build();
    }

    public async Task<CallConfig> GetAsync(string tenantId, Guid callId, CancellationToken cancellationToken)
    {
        ConfigAnswer result;
        try
        {
            result = await _pipeline.ExecuteAsync(
                static async (state, ct) => await state.Self.TryOnceAsync(state.TenantId, state.CallId, ct).ConfigureAwait(false),
                (Self: this, TenantId: tenantId, CallId: callId), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(callId, e.Message);
            throw new CallConfigUnavailableException(callId, e);
        }

        if (result.Config is { } config)
        {
            return config;
        }

        if (result.Answer.Status is 404 or 409)
        {
            throw new CallNotLiveException(callId);
        }

        LogUnavailable(callId, result.Answer.Detail ?? result.Answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        throw new CallConfigUnavailableException(callId);
    }

    private async Task<ConfigAnswer> TryOnceAsync(string tenantId, Guid callId, CancellationToken cancellationToken)
    {
        using var response = await _api.GetConfigAsync(tenantId, callId, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return new ConfigAnswer(null, await ApiAnswer.ReadAsync(response, cancellationToken).ConfigureAwait(false));
        }

        try
        {
            var config = await response.Content.ReadFromJsonAsync<CallConfig>(MediaHostContract.Json, cancellationToken).ConfigureAwait(false);
            return config is not null
                ? new ConfigAnswer(config, new ApiAnswer(ApiAnswerKind.Accepted, (int)response.StatusCode, null, null))
                : new ConfigAnswer(null, new ApiAnswer(ApiAnswerKind.Refused, (int)response.StatusCode, "an empty configuration", null));
        }
        catch (JsonException e)
        {
            return new ConfigAnswer(null, new ApiAnswer(ApiAnswerKind.Refused, (int)response.StatusCode, "an unreadable configuration: " + e.Message, null));
        }
    }

    private static string Failure(Outcome<ConfigAnswer> outcome) =>
        outcome.Exception?.Message ?? outcome.Result?.Answer.Detail ?? "unknown";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call config: attempt {Attempt} failed ({Failure}); trying again")]
    private partial void LogRetry(int attempt, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "The configuration of call {CallId} could not be fetched from the Api: {Failure}")]
    private partial void LogUnavailable(Guid callId, string failure);

    private sealed record ConfigAnswer(CallConfig? Config, ApiAnswer Answer);
}
