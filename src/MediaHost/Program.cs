using ProSaaS.Hosting;
using Microsoft.Extensions.Options;
using ProSaaS.MediaHost.Hosting;
using ProSaaS.MediaHost.Outbox;
using ProSaaS.MediaHost.Tools;

// Configuration keys: Api:* (ApiOptions, CallConfigFetchOptions, ToolCallOptions), MediaHost:* (MediaHostOptions), OpenAI:* (OpenAIOptions), Serilog:* (SerilogSetup).
var builder = WebApplication.CreateBuilder(args);
builder.AddSerilogLogging();
// Before the call handling: the outbox then stops after it, and sends the last calls' facts.
builder.Services.AddCallOutbox(builder.Configuration);
builder.Services.AddCallTools(builder.Configuration);
builder.Services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.Section));
builder.Services.AddProblemDetails();
builder.AddMediaBridge();

var app = builder.Build();
app.UseMiddleware<RequestLoggingMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapGet("/health/live", () => Results.Json(new { status = "Healthy" }));
app.UseMediaBridge();

app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
    "MediaHost started; sending call facts to the Api at {ApiBaseUrl}",
    app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.BaseUrl));

app.Run();

/// <summary>Entry point; public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
