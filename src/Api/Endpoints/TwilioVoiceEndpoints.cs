using MediatR;
using Microsoft.AspNetCore.Mvc;
using ProSaaS.Api.Telephony;
using ProSaaS.Application.Calls.AnswerInboundCall;
using ProSaaS.Application.Calls.AnswerOutboundCall;
using ProSaaS.Application.Calls.RecordProviderCallStatus;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Infrastructure.Telephony.Twilio;

namespace ProSaaS.Api.Endpoints;

/// <summary>
/// Twilio's voice webhooks. Outside the REST API and its sign-in: a request is let in only with Twilio's signature
/// (<see cref="TwilioSignatureFilter"/>). The inbound webhook answers TwiML within a moment: a stream to the media host with
/// the call's id and a signed stream token, a polite Hebrew refusal, or a reject for a number nobody answers. The outbound
/// webhook, named in each call the platform places (<c>?callId=…</c>), connects the answered call to the media host with
/// everything the call is about — direction, lead, template, business — taken from the call itself.
/// </summary>
public static partial class TwilioVoiceEndpoints
{
    public const string InboundPath = TwilioWebhookPaths.Inbound;
    public const string OutboundPath = TwilioWebhookPaths.Outbound;
    public const string StatusPath = TwilioWebhookPaths.Status;

    public const string BusyMessage = "כל הקווים שלנו תפוסים כרגע. נשמח אם תתקשרו שוב בעוד כמה דקות. תודה ולהתראות.";
    public const string SuspendedMessage = "שלום, השירות במספר הזה אינו זמין כרגע. תודה על פנייתכם ולהתראות.";
    public const string FailureMessage = "שלום, אירעה תקלה זמנית. אנא נסו להתקשר שוב מאוחר יותר. תודה ולהתראות.";
    public const string OutboundFailureMessage = "שלום, אירעה תקלה זמנית ולכן לא נוכל לדבר כרגע. סליחה על ההפרעה ולהתראות.";

    public static IEndpointRouteBuilder MapTwilioVoiceEndpoints(this IEndpointRouteBuilder app)
    {
        var twilio = app.MapGroup("/twilio/voice")
            .AllowAnonymous()
            .ExcludeFromDescription()
            .AddEndpointFilter<TwilioSignatureFilter>();

        twilio.MapPost("/inbound", AnswerInboundAsync);
        twilio.MapPost("/outbound", AnswerOutboundAsync);
        twilio.MapPost("/status", RecordStatusAsync);
        return app;
    }

    /// <summary>The greeting of a refusal for a full line, with the business's name when known.</summary>
    public static string BusyGreeting(string? businessName) =>
        string.IsNullOrWhiteSpace(businessName) ? "שלום. " + BusyMessage : $"שלום, הגעתם ל{businessName.Trim()}. {BusyMessage}";

    private static async Task<IResult> AnswerInboundAsync(
        HttpContext http, IMediator mediator, MediaStreams streams, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var callSid = form["CallSid"].ToString();
        TwiML answer;
        try
        {
            var decision = await mediator.Send(
                new AnswerInboundCall(callSid, form["From"].ToString(), form["To"].ToString(), form["CallStatus"].ToString()), cancellationToken);
            answer = decision.Outcome switch
            {
                InboundCallOutcome.Connect => new TwiML().ConnectStream(streams.StreamUrl,
                [
                    new("callId", decision.CallId!.Value.ToString()),
                    new("token", streams.IssueToken(decision.CallId.Value, decision.TenantId!)),
                ]),
                InboundCallOutcome.UnknownNumber => new TwiML().Reject(),
                InboundCallOutcome.TenantSuspended => new TwiML().Say(SuspendedMessage).Hangup(),
                InboundCallOutcome.LimitReached => new TwiML().Say(BusyGreeting(decision.BusinessName)).Hangup(),
                _ => new TwiML().Hangup(),
            };
        }
        catch (Exception ex) when (ex is not ValidationFailedException && ex is not OperationCanceledException)
        {
            // The caller hears an apology in Hebrew rather than the provider's English error message.
            LogAnswerFailed(loggers.CreateLogger(typeof(TwilioVoiceEndpoints)), ex, callSid);
            answer = new TwiML().Say(FailureMessage).Hangup();
        }

        return Results.Content(answer.ToXml(), TwiML.ContentType);
    }

    /// <summary>
    /// An outbound call was answered. The call is the one the address names; a call that is not live, an answering machine,
    /// or an address that is not a call's gets <c>&lt;Hangup/&gt;</c>.
    /// </summary>
    private static async Task<IResult> AnswerOutboundAsync(
        HttpContext http, IMediator mediator, MediaStreams streams, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var callSid = form["CallSid"].ToString();
        if (CallIdOf(http) is not { } callId)
        {
            return Results.Content(new TwiML().Hangup().ToXml(), TwiML.ContentType);
        }

        TwiML answer;
        try
        {
            var decision = await mediator.Send(
                new AnswerOutboundCall(callId, callSid, form["CallStatus"].ToString(), form["AnsweredBy"].ToString()), cancellationToken);
            answer = decision.Outcome == OutboundCallOutcome.Connect
                ? new TwiML().ConnectStream(streams.StreamUrl,
                [
                    new("callId", decision.CallId.ToString()),
                    new("token", streams.IssueToken(decision.CallId, decision.TenantId!)),
                    new("direction", "outbound"),
                    new("leadId", decision.LeadId?.ToString() ?? string.Empty),
                    new("templateId", decision.TemplateId?.ToString() ?? string.Empty),
                    new("tenantId", decision.TenantId!),
                ])
                : new TwiML().Hangup();
        }
        catch (Exception ex) when (ex is not ValidationFailedException && ex is not OperationCanceledException)
        {
            LogOutboundAnswerFailed(loggers.CreateLogger(typeof(TwilioVoiceEndpoints)), ex, callId, callSid);
            answer = new TwiML().Say(OutboundFailureMessage).Hangup();
        }

        return Results.Content(answer.ToXml(), TwiML.ContentType);
    }

    /// <summary>
    /// A status report. Reports about a call the platform placed name it (<c>?callId=…</c>) and are taken to that call;
    /// the others find their call by <c>CallSid</c>. A <c>callId</c> that is not an id names no call: nothing is recorded.
    /// </summary>
    private static async Task<IResult> RecordStatusAsync(HttpContext http, IMediator mediator, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var named = http.Request.Query.ContainsKey(TwilioWebhookPaths.CallIdParameter);
        var callId = CallIdOf(http);
        if (!named || callId is not null)
        {
            await mediator.Send(new RecordProviderCallStatus(
                form["CallSid"].ToString(),
                form["CallStatus"].ToString(),
                IntOf(form["SequenceNumber"].ToString()),
                IntOf(form["CallDuration"].ToString()),
                form["AnsweredBy"].ToString(),
                callId), cancellationToken);
        }

        return Results.Content(new TwiML().ToXml(), TwiML.ContentType);
    }

    /// <summary>The call the webhook's address names, when it names one.</summary>
    private static Guid? CallIdOf(HttpContext http) =>
        Guid.TryParse(http.Request.Query[TwilioWebhookPaths.CallIdParameter].ToString(), out var id) && id != Guid.Empty ? id : null;

    private static int? IntOf(string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering inbound call {CallSid} failed; the caller was apologised to")]
    private static partial void LogAnswerFailed(ILogger logger, Exception exception, string callSid);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering outbound call {CallId} ({CallSid}) failed; the lead was apologised to")]
    private static partial void LogOutboundAnswerFailed(ILogger logger, Exception exception, Guid callId, string callSid);
}
