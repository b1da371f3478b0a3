using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ProSaaS.Infrastructure.ReadModels;

namespace ProSaaS.Infrastructure.Webhooks;

/// <summary>
/// Sends due webhook deliveries of every business. Whenever a sending slot is free (up to
/// <see cref="WebhookOptions.MaxConcurrency"/>), it takes that many due deliveries of enabled endpoints with
/// <c>for update skip locked</c> and leases them (<c>claimed_until</c>) in a short transaction, sends each, and records
/// each attempt with the delivery's new status: one slow receiver holds one slot, never the deliveries behind it, and a
/// resend a user asks for takes the next free slot. Any number of processes may run one: a delivery is leased
/// by one at a time, and one whose process died becomes due again when its lease ends. New deliveries wake it through
/// LISTEN/NOTIFY; otherwise it polls. Platform work: it reads all tenants' rows (<see cref="TenantScope.AllTenants"/>).
/// </summary>
public sealed partial class WebhookDispatcher(
    NpgsqlDataSource dataSource,
    WebhookHttpSender sender,
    WebhookSecrets secrets,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const string Claim = """
        with due as (
            select d.tenant_id, d.id
            from webhook_deliveries d
            join webhook_endpoints e on e.tenant_id = d.tenant_id and e.id = d.endpoint_id
            where d.status in ('pending', 'failed') and d.next_attempt_at <= @now
              and (d.claimed_until is null or d.claimed_until < @now)
              and e.enabled
            -- A resend a user asked for goes first: it must not wait behind a backlog of retries to slow receivers.
            order by d.resend_requested desc, d.next_attempt_at
            limit @limit
            for update of d skip locked)
        update webhook_deliveries d set claimed_until = @leaseUntil
        from due, webhook_endpoints e
        where d.tenant_id = due.tenant_id and d.id = due.id and e.tenant_id = d.tenant_id and e.id = d.endpoint_id
        returning d.tenant_id as TenantId, d.id as Id, d.message_id as MessageId, d.payload as Payload, d.attempt_count as AttemptCount,
                  d.resend_requested as ResendRequested, e.url as Url, e.secret_protected as SecretProtected
        """;

    /// <summary>The attempt and the delivery's new state in one statement; nothing when the endpoint was deleted meanwhile.</summary>
    private const string Record = """
        with d as (
            -- A resend asked for while a scheduled attempt was on its way is still owed: the delivery stays due at once.
            update webhook_deliveries set
                attempt_count = attempt_count + 1,
                status = case when resend_requested and not @claimedResend then 'pending'
                              when @succeeded then 'succeeded' when attempt_count + 1 >= attempt_limit then 'dead' else 'failed' end,
                next_attempt_at = case when resend_requested and not @claimedResend then @at
                                       when @succeeded or attempt_count + 1 >= attempt_limit then null else @retryAt end,
                completed_at = case when resend_requested and not @claimedResend then null
                                    when @succeeded or attempt_count + 1 >= attempt_limit then @at end,
                attempt_limit = case when resend_requested and not @claimedResend then greatest(attempt_limit, attempt_count + 2) else attempt_limit end,
                last_attempt_at = @at, claimed_until = null, resend_requested = resend_requested and not @claimedResend
            where tenant_id = @tenantId and id = @id
            returning tenant_id, id, attempt_count)
        insert into webhook_delivery_attempts (tenant_id, delivery_id, attempt, trigger, attempted_at, duration_ms, succeeded, status_code, error, response_excerpt)
        select tenant_id, id, attempt_count, @trigger, @at, @durationMs, @succeeded, @statusCode, @error, @response from d
        """;

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DispatcherEnabled)
        {
            LogDisabled();
            return;
        }

        var listening = ListenAsync(stoppingToken);
        var slots = Math.Max(1, settings.MaxConcurrency);
        var sending = new List<Task>(slots);
        while (!stoppingToken.IsCancellationRequested)
        {
            sending.RemoveAll(task => task.IsCompleted);
            var free = slots - sending.Count;
            if (free > 0)
            {
                try
                {
                    var claimed = await ClaimAsync(settings, free, stoppingToken);
                    sending.AddRange(claimed.Select(delivery => SendAndRecordAsync(delivery, settings, stoppingToken)));
                    if (claimed.Count == free)
                    {
                        // Every slot is busy and more may be due: wait for a slot, not for the poll interval.
                        continue;
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    LogPassFailed(ex);
                }
            }

            await WaitForWorkAsync(settings.PollInterval, free > 0 ? null : sending, stoppingToken);
        }

        await Task.WhenAll(sending);
        await listening;
    }

    /// <summary>Leases up to <paramref name="count"/> due deliveries, resends first, then the longest waiting.</summary>
    private async Task<List<Claimed>> ClaimAsync(WebhookOptions settings, int count, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = await TenantScope.OpenAsync(dataSource, TenantScope.AllTenants, cancellationToken);
        var claimed = (await scope.Connection.QueryAsync<Claimed>(new CommandDefinition(Claim, new
        {
            now = now.UtcDateTime,
            limit = count,
            // Long enough for the request and its recording; a process that dies leaves it to another after this.
            leaseUntil = (now + settings.RequestTimeout + TimeSpan.FromSeconds(30)).UtcDateTime,
        }, scope.Transaction, cancellationToken: cancellationToken))).ToList();
        await scope.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <summary>One delivery's attempt; a failure to record it is logged, and the lease makes the delivery due again.</summary>
    private async Task SendAndRecordAsync(Claimed delivery, WebhookOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverAsync(delivery, settings, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the lease runs out and the delivery is sent by the next process.
        }
        catch (Exception ex)
        {
            LogRecordFailed(ex, delivery.Id);
        }
    }

    private async Task DeliverAsync(Claimed delivery, WebhookOptions settings, CancellationToken cancellationToken)
    {
        var attemptedAt = clock.GetUtcNow();
        WebhookAttemptResult result;
        try
        {
            result = await sender.SendAsync(delivery.Url, delivery.MessageId, secrets.Unprotect(delivery.SecretProtected), delivery.Payload, cancellationToken);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            // The key that encrypted the secret is gone: nothing can be signed until the secret is rotated.
            LogSecretUnreadable(ex, delivery.Id);
            result = new WebhookAttemptResult(false, null, 0, "אי אפשר לפענח את סוד החתימה; יש להחליף אותו (rotate-secret).", null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Recorded as a failed attempt, so that a delivery that cannot be sent still runs out of attempts.
            LogSendFailed(ex, delivery.Id);
            result = new WebhookAttemptResult(false, null, 0, "תקלה פנימית בשליחה.", null);
        }

        var failures = delivery.AttemptCount + 1;
        await using var scope = await TenantScope.OpenAsync(dataSource, TenantScope.AllTenants, CancellationToken.None);
        await scope.Connection.ExecuteAsync(new CommandDefinition(Record, new
        {
            tenantId = delivery.TenantId,
            id = delivery.Id,
            succeeded = result.Succeeded,
            at = attemptedAt.UtcDateTime,
            retryAt = (attemptedAt + settings.RetryDelay(failures, Random.Shared.NextDouble())).UtcDateTime,
            claimedResend = delivery.ResendRequested,
            trigger = delivery.ResendRequested ? "resend" : "scheduled",
            durationMs = result.DurationMs,
            statusCode = result.StatusCode,
            error = result.Error,
            response = result.ResponseExcerpt,
        }, scope.Transaction, cancellationToken: CancellationToken.None));
        await scope.CommitAsync(CancellationToken.None);
        if (!result.Succeeded)
        {
            LogAttemptFailed(delivery.Id, delivery.TenantId, failures, result.StatusCode, result.Error);
        }
    }

    /// <summary>
    /// Until new work is announced, the poll interval passes, or — when every slot is busy — one of
    /// <paramref name="busy"/> ends.
    /// </summary>
    private async Task WaitForWorkAsync(TimeSpan pollInterval, List<Task>? busy, CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        wait.CancelAfter(pollInterval);
        var announced = _wake.Reader.WaitToReadAsync(wait.Token).AsTask();
        if (busy is { Count: > 0 })
        {
            await Task.WhenAny(announced, Task.WhenAny(busy));
        }
        else
        {
            await Task.WhenAny(announced);
        }

        // The signal is taken whichever way the wait ended; the next claim looks for everything due anyway.
        _wake.Reader.TryRead(out _);
        await wait.CancelAsync();
    }

    /// <summary>Holds a connection that LISTENs for new deliveries; reconnects after a failure.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => _wake.Writer.TryWrite(true);
                await using (var listen = new NpgsqlCommand($"listen {WebhookDeliveryProjection.NotifyChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Anything queued while not listening is found by the next pass.
                _wake.Writer.TryWrite(true);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogListenFailed(ex);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook dispatcher disabled in this process")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook dispatch pass failed; retrying after the poll interval")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt of webhook delivery {DeliveryId} could not be recorded; it is sent again when its lease ends")]
    private partial void LogRecordFailed(Exception exception, Guid deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook listener connection failed; reconnecting")]
    private partial void LogListenFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Signing secret of webhook delivery {DeliveryId} cannot be decrypted")]
    private partial void LogSecretUnreadable(Exception exception, Guid deliveryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} could not be sent")]
    private partial void LogSendFailed(Exception exception, Guid deliveryId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Webhook delivery {DeliveryId} of tenant {TenantId} failed attempt {Attempt} (status {StatusCode}): {Error}")]
    private partial void LogAttemptFailed(Guid deliveryId, string tenantId, int attempt, int? statusCode, string? error);

    private sealed class Claimed
    {
        public string TenantId { get; set; } = "";
        public Guid Id { get; set; }
        public string MessageId { get; set; } = "";
        public string Payload { get; set; } = "";
        public int AttemptCount { get; set; }
        public bool ResendRequested { get; set; }
        public string Url { get; set; } = "";
        public string SecretProtected { get; set; } = "";
    }
}
