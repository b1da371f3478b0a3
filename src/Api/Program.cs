using ProSaaS.Hosting;
using ProSaaS.Api.Auth;
using ProSaaS.Api.Dashboard;
using ProSaaS.Api.Endpoints;
using ProSaaS.Api.Errors;
using ProSaaS.Api.Health;
using ProSaaS.Api.Hosting;
using ProSaaS.Api.OpenApi;
using ProSaaS.Api.Telephony;

// Configuration keys: ConnectionStrings:Postgres and Database:* (DatabaseOptions), Projections:* (ProjectionDaemonOptions),
// Dashboard:Path (DashboardOptions), Serilog:* (SerilogSetup), Notifications:DueScanSeconds (DueNotificationScanRegistration),
// Webhooks:* (WebhookOptions), Storage:* (StorageOptions), Twilio:* (TwilioOptions), MediaHost:* (MediaHostOptions) and Calls:*
// (CallsOptions) in CallsRegistration, Recordings:* (RecordingsOptions) in RecordingsRegistration,
// AfterCall:* (AfterCallOptions) and OpenAI:* (OpenAiSummaryOptions) in AfterCallRegistration.
var builder = WebApplication.CreateBuilder(args);
builder.AddSerilogLogging();
builder.Services
    .AddApiCore(builder.Configuration)
    .AddDueNotificationScan(builder.Configuration)
    .AddCalls(builder.Configuration)
    .AddRecordings(builder.Configuration)
    .AddAfterCall(builder.Configuration)
    .AddApiErrors()
    .AddApiHealthChecks()
    .AddApiDocumentation()
    .AddApiAuth(builder.Configuration);

var app = builder.Build();
// Behind a TLS-terminating proxy on this host, the original scheme and client address come from X-Forwarded-*.
app.UseForwardedHeaders(new ForwardedHeadersOptions
{
    ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
});
app.UseMiddleware<CorrelationIdMiddleware>();
app.UseMiddleware<RequestLoggingMiddleware>();
app.UseApiErrors();
app.UseApiDocumentation();
app.UseDashboardFiles();
app.UseRouting();
app.UseApiAuth();
app.UseDashboardFallback();
app.MapApiHealthEndpoints();
app.MapAuthEndpoints();
app.MapLeadEndpoints();
app.MapNoteEndpoints();
app.MapTenantEndpoints();
app.MapUserEndpoints();
app.MapAppointmentEndpoints();
app.MapWorkItemEndpoints();
app.MapWebhookEndpoints();
app.MapCallEndpoints();
app.MapCallStreamEndpoints();
app.MapOutboundEndpoints();
app.MapOverviewEndpoints();
app.MapMediaHostEndpoints();
app.MapRecordingEndpoints();
app.MapMediaHostCallEndpoints();
app.MapMediaHostToolEndpoints();
app.MapPromptEndpoints().MapFaqEndpoints();

try
{
    await app.RunAsync();
    return 0;
}
catch (DatabaseUnavailableException)
{
    // Already logged with its reason: exit with 1 rather than abort on an unhandled exception.
    return 1;
}

/// <summary>Entry point; public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
