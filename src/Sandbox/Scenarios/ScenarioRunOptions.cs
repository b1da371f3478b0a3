namespace ProSaaS.Sandbox.Scenarios;

/// <summary>Where the platform runs and how the runner reaches it.</summary>
public sealed record ScenarioRunOptions
{
    /// <summary>The public sandbox key Twilio's webhooks are signed with when no Twilio account is configured.</summary>
    public const string SandboxAuthToken = "prosaas-sandbox-auth-token";

    /// <summary>The Api (REST API and Twilio's webhooks), e.g. <c>http://localhost:5080</c>.</summary>
    public required Uri Api { get; init; }

    /// <summary>The media host, e.g. <c>http://127.0.0.1:5090</c> (its <c>/media</c> stream and the sandbox's caller lines).</summary>
    public required Uri Media { get; init; }

    /// <summary>An API key of the business (agent or higher): the runner starts outbound calls and reads the results with it.</summary>
    public required string ApiKey { get; init; }

    /// <summary>The address the Api checks Twilio's signatures against (its <c>Twilio:PublicBaseUrl</c>); default <see cref="Api"/>.</summary>
    public Uri? PublicBaseUrl { get; init; }

    /// <summary>The key the webhooks are signed with: the sandbox's by default, the account's auth token against a live Api.</summary>
    public string TwilioAuthToken { get; init; } = SandboxAuthToken;

    /// <summary>The business number an inbound call dials, instead of the scenario's <c>to</c>.</summary>
    public string? DialledNumber { get; init; }

    /// <summary>Plays every call at this speed instead of the scenario's.</summary>
    public double? Speed { get; init; }

    /// <summary>How long the runner waits for the call to end after the last step.</summary>
    public TimeSpan EndTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the runner waits for the Api to show the call's outcome (the media host reports it asynchronously).</summary>
    public TimeSpan ResultTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The clock that turns <c>today</c>/<c>tomorrow</c> of an appointment expectation into a date; default the system's.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
