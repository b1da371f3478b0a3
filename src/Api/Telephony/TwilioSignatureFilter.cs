using Microsoft.Extensions.Options;
using ProSaaS.Api.Errors;
using ProSaaS.Application.Common.Context;
using ProSaaS.Hosting.Telephony;
using ProSaaS.Infrastructure.Telephony.Twilio;

namespace ProSaaS.Api.Telephony;

/// <summary>
/// Lets through only requests Twilio signed: <c>X-Twilio-Signature</c> over the URL Twilio called — rebuilt from
/// <c>Twilio:PublicBaseUrl</c> and the request's path and query, never from its Host header — and the form parameters.
/// In sandbox mode (no account configured) the key is <see cref="TwilioWebhookSecurity.SandboxAuthToken"/>, so the same
/// path runs. A request that fails is refused with 403 before anything reads it further.
/// </summary>
public sealed partial class TwilioSignatureFilter(IOptions<TwilioOptions> options, ILogger<TwilioSignatureFilter> logger) : IEndpointFilter
{
    public const string InvalidSignatureCode = "twilio.signature_invalid";
    public const string NotConfiguredCode = "telephony.not_configured";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.PublicBaseUrl))
        {
            LogNotConfigured(http.Request.Path);
            return await RefuseAsync(http, StatusCodes.Status503ServiceUnavailable, NotConfiguredCode,
                "Telephony is not configured", "הטלפוניה אינה מוגדרת בשרת (חסרה הכתובת הציבורית Twilio:PublicBaseUrl)");
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        var configured = settings.PublicBaseUrl.Trim().TrimEnd('/');
        var rest = http.Request.PathBase + http.Request.Path + http.Request.QueryString;
        var parameters = form?.SelectMany(field => field.Value.Select(value => new KeyValuePair<string, string>(field.Key, value ?? string.Empty)))
                         ?? [];
        parameters = parameters.ToList();
        var signature = http.Request.Headers[TwilioRequestValidator.SignatureHeader].ToString();
        var key = TwilioWebhookSecurity.SigningKeyOf(settings);
        // Twilio signs the address exactly as it was given: as written in its console for inbound calls, and in the
        // canonical form (lower-case scheme and host) that the platform sends when it places an outbound call.
        var canonical = Uri.TryCreate(configured, UriKind.Absolute, out var parsed) ? parsed.GetLeftPart(UriPartial.Path).TrimEnd('/') : configured;
        if (!TwilioRequestValidator.IsValid(key, configured + rest, parameters, signature)
            && (canonical == configured || !TwilioRequestValidator.IsValid(key, canonical + rest, parameters, signature)))
        {
            LogRefused(http.Request.Path, string.IsNullOrEmpty(signature) ? "missing" : "invalid");
            return await RefuseAsync(http, StatusCodes.Status403Forbidden, InvalidSignatureCode,
                "The request is not signed by the telephony provider", "חתימת הבקשה חסרה או אינה תקינה");
        }

        var requestContext = http.RequestServices.GetRequiredService<RequestContext>();
        requestContext.UserName = TwilioWebhookSecurity.UserName;
        requestContext.SetHeader("auth", "twilio-signature");
        return await next(context);
    }

    private static async Task<object?> RefuseAsync(HttpContext http, int status, string code, string title, string detail)
    {
        var problem = ProblemResponses.Create(status, title, detail);
        problem.Extensions["code"] = code;
        await ProblemResponses.WriteAsync(http, problem);
        return Results.Empty;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Path}: the Twilio signature is {Problem}")]
    private partial void LogRefused(PathString path, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused {Path}: Twilio:PublicBaseUrl is not set, so no Twilio signature can be checked")]
    private partial void LogNotConfigured(PathString path);
}
