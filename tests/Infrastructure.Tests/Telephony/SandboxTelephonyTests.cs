using ProSaaS.Domain.Files;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProSaaS.Application.Telephony;
using ProSaaS.Infrastructure.Telephony;
using ProSaaS.Infrastructure.Telephony.Twilio;

namespace ProSaaS.Infrastructure.Tests.Telephony;

public sealed class SandboxTelephonyTests
{
    private static PlaceCallRequest Call(string to = "+972521234567") =>
        new(to, "+97237600000", new Uri("https://api.example.co.il/twilio/outbound"), new Uri("https://api.example.co.il/twilio/status"));

    [Fact]
    public async Task The_sandbox_records_and_logs_what_would_have_been_sent()
    {
        var logger = new ListLogger<SandboxTelephonyGateway>();
        var sandbox = new SandboxTelephonyGateway(logger, TimeProvider.System);

        var placed = await sandbox.PlaceCallAsync(Call(), CancellationToken.None);
        await sandbox.HangUpAsync(placed.ProviderCallId, CancellationToken.None);

        sandbox.IsLive.Should().BeFalse();
        placed.ProviderCallId.Should().MatchRegex("^CA[0-9a-f]{32}$");
        placed.Status.Should().Be("queued");
        sandbox.Requests.Select(r => r.Kind).Should().Equal(SandboxTelephonyRequestKind.PlaceCall, SandboxTelephonyRequestKind.HangUp);
        sandbox.Requests[0].Call.Should().Be(Call());
        sandbox.Requests.Should().OnlyContain(r => r.ProviderCallId == placed.ProviderCallId);
        logger.Entries.Should().HaveCount(2).And.OnlyContain(e => e.Level == LogLevel.Information && e.Message.Contains(placed.ProviderCallId));
    }

    [Fact]
    public async Task The_sandbox_keeps_only_its_latest_requests()
    {
        var sandbox = new SandboxTelephonyGateway(NullLogger<SandboxTelephonyGateway>.Instance, TimeProvider.System);
        for (var i = 0; i < SandboxTelephonyGateway.Capacity + 50; i++)
        {
            await sandbox.PlaceCallAsync(Call($"+9725200{i:00000}"), CancellationToken.None);
        }

        sandbox.Requests.Should().HaveCount(SandboxTelephonyGateway.Capacity);
        sandbox.Requests[0].Call!.To.Should().Be("+972520000050");
        sandbox.Requests.Select(r => r.ProviderCallId).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_sandbox_recording_is_a_second_of_two_channel_mu_law_silence()
    {
        var sandbox = new SandboxTelephonyGateway(NullLogger<SandboxTelephonyGateway>.Instance, TimeProvider.System);

        await using var stream = await sandbox.FetchRecordingAsync("https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1", CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        var bytes = copy.ToArray();

        WaveFile.TryReadFormat(bytes, out var format).Should().BeTrue();
        format.Should().Be(new WaveFormat(WaveEncoding.MuLaw, 8000, 2, 16000));
        format!.Duration.Should().Be(TimeSpan.FromSeconds(1));
        bytes[^16000..].Should().OnlyContain(b => b == WaveFile.MuLawSilence);
        sandbox.Requests.Single().RecordingUrl.Should().EndWith("/RE1");
    }

    [Fact]
    public void Without_an_account_and_token_the_platform_uses_the_sandbox()
    {
        using var provider = Services(new Dictionary<string, string?> { ["Twilio:AccountSid"] = "AC123", ["Twilio:AuthToken"] = "" });

        var gateway = provider.GetRequiredService<ITelephonyGateway>();
        gateway.Should().BeOfType<SandboxTelephonyGateway>().Which.Should().BeSameAs(provider.GetRequiredService<SandboxTelephonyGateway>());
        gateway.IsLive.Should().BeFalse();
    }

    [Fact]
    public void With_an_account_and_token_the_platform_uses_twilios_rest_api()
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = "AC0123456789abcdef0123456789abcdef",
            ["Twilio:AuthToken"] = "token",
            ["Twilio:ApiBaseUrl"] = "http://127.0.0.1:9",
            ["Twilio:RequestTimeout"] = "00:00:03",
        });

        var gateway = provider.GetRequiredService<ITelephonyGateway>();
        gateway.Should().BeOfType<TwilioRestClient>();
        gateway.IsLive.Should().BeTrue();
        provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TwilioOptions>>().Value.RequestTimeout.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void A_live_configuration_with_a_broken_api_address_fails_at_start()
    {
        FluentActions.Invoking(() => Services(new Dictionary<string, string?>
            {
                ["Twilio:AccountSid"] = "AC0123456789abcdef0123456789abcdef", ["Twilio:AuthToken"] = "token", ["Twilio:ApiBaseUrl"] = "api.twilio.com",
            }))
            .Should().Throw<InvalidOperationException>().WithMessage("*Twilio:ApiBaseUrl*");
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddTelephony(configuration);
        return services.BuildServiceProvider();
    }
}
