using ProSaaS.Domain.Files;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProSaaS.Application.Telephony;
using ProSaaS.Sandbox;
using ProSaaS.Infrastructure.Telephony;
using ProSaaS.Infrastructure.Telephony.Twilio;

namespace ProSaaS.Infrastructure.Tests.Telephony;

/// <summary>The Twilio REST client against a fake Twilio over a real socket.</summary>
public sealed class TwilioRestClientTests : IAsyncLifetime
{
    private static readonly TwilioRetrySettings FastRetries =
        new(MaxRetries: 3, BaseDelay: TimeSpan.FromMilliseconds(20), MaxDelay: TimeSpan.FromMilliseconds(200), MaxRetryAfter: TimeSpan.FromSeconds(5));

    private FakeTwilioRest _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioRest.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    private static PlaceCallRequest Call(bool detect = true, int? timeLimit = 600, int? ringTimeout = 25) => new(
        "+972521234567", "+97237600000", new Uri("https://api.example.co.il/twilio/outbound?callId=42"),
        new Uri("https://api.example.co.il/twilio/status"), detect, timeLimit, ringTimeout);

    private TwilioRestClient Client(TimeSpan? timeout = null, TwilioRetrySettings? retries = null, string authToken = FakeTwilioRest.AuthToken) =>
        new(new HttpClient { BaseAddress = _twilio.BaseAddress, Timeout = Timeout.InfiniteTimeSpan },
            Options.Create(new TwilioOptions
            {
                AccountSid = FakeTwilioRest.AccountSid,
                AuthToken = authToken,
                ApiBaseUrl = _twilio.BaseAddress.ToString(),
                RequestTimeout = timeout ?? TimeSpan.FromSeconds(5),
            }),
            retries ?? FastRetries, NullLogger<TwilioRestClient>.Instance);

    [Fact]
    public async Task Placing_a_call_posts_exactly_twilios_form_with_basic_authentication()
    {
        var placed = await Client().PlaceCallAsync(Call(), CancellationToken.None);

        placed.ProviderCallId.Should().MatchRegex("^CA[0-9a-f]{32}$");
        placed.Status.Should().Be("queued");
        _twilio.Calls.Should().ContainKey(placed.ProviderCallId);
        var request = _twilio.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be($"/2010-04-01/Accounts/{FakeTwilioRest.AccountSid}/Calls.json");
        request.Authorization.Should().Be(FakeTwilioRest.ExpectedAuthorization);
        request.ContentType.Should().StartWith("application/x-www-form-urlencoded");
        request.Form.Should().Equal(
            new("To", "+972521234567"),
            new("From", "+97237600000"),
            new("Url", "https://api.example.co.il/twilio/outbound?callId=42"),
            new("StatusCallback", "https://api.example.co.il/twilio/status"),
            new("StatusCallbackMethod", "POST"),
            new("StatusCallbackEvent", "initiated"),
            new("StatusCallbackEvent", "ringing"),
            new("StatusCallbackEvent", "answered"),
            new("StatusCallbackEvent", "completed"),
            new("MachineDetection", "DetectMessageEnd"),
            new("TimeLimit", "600"),
            new("Timeout", "25"));
    }

    [Fact]
    public async Task Machine_detection_and_limits_are_sent_only_when_asked_for()
    {
        await Client().PlaceCallAsync(Call(detect: false, timeLimit: null, ringTimeout: null), CancellationToken.None);

        var request = _twilio.Requests.Single();
        request.Form.Select(p => p.Key).Should().NotContain(["MachineDetection", "TimeLimit", "Timeout"]);
        request.Values("StatusCallbackEvent").Should().Equal("initiated", "ringing", "answered", "completed");
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task A_failed_call_creation_is_never_sent_twice(HttpStatusCode status)
    {
        _twilio.FailNext(1, status, retryAfter: TimeSpan.FromSeconds(1));

        var failure = await FluentActions.Awaiting(() => Client().PlaceCallAsync(Call(), CancellationToken.None))
            .Should().ThrowAsync<TelephonyProviderException>();

        failure.Which.HttpStatus.Should().Be((int)status);
        failure.Which.Answered.Should().BeTrue();
        await Task.Delay(300);
        _twilio.Requests.Should().ContainSingle("placing a call is not safe to repeat");
        _twilio.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_call_creation_that_gets_no_answer_in_time_fails_once_as_unknown()
    {
        _twilio.DelayNext(1, TimeSpan.FromSeconds(5));
        var watch = Stopwatch.StartNew();

        var failure = await FluentActions.Awaiting(() => Client(timeout: TimeSpan.FromMilliseconds(300)).PlaceCallAsync(Call(), CancellationToken.None))
            .Should().ThrowAsync<TelephonyProviderException>();

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        failure.Which.Answered.Should().BeFalse("whether Twilio placed the call is unknown");
        failure.Which.Code.Should().Be(TelephonyProviderException.UnreachableCode);
        failure.Which.HttpStatus.Should().BeNull();
        await Task.Delay(300);
        _twilio.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Twilios_error_document_becomes_a_typed_error_with_its_code_and_message()
    {
        var failure = await FluentActions.Awaiting(() => Client().PlaceCallAsync(Call() with { To = "0521234567" }, CancellationToken.None))
            .Should().ThrowAsync<TelephonyProviderException>();

        failure.Which.HttpStatus.Should().Be(400);
        failure.Which.ProviderCode.Should().Be(21211);
        failure.Which.ProviderMessage.Should().Be("Invalid 'To' Phone Number: 0521234567");
        failure.Which.MoreInfo.Should().Be("https://www.twilio.com/docs/errors/21211");
        failure.Which.Code.Should().Be(TelephonyProviderException.ProviderErrorCode);
        failure.Which.Message.Should().Contain("21211");
    }

    [Fact]
    public async Task A_wrong_token_is_twilios_authentication_error()
    {
        var failure = await FluentActions.Awaiting(() => Client(authToken: "wrong").PlaceCallAsync(Call(), CancellationToken.None))
            .Should().ThrowAsync<TelephonyProviderException>();

        failure.Which.HttpStatus.Should().Be(401);
        failure.Which.ProviderCode.Should().Be(20003);
        _twilio.Requests.Single().Authorization.Should().NotBe(FakeTwilioRest.ExpectedAuthorization);
    }

    [Fact]
    public async Task Hanging_up_posts_status_completed_and_is_retried_through_server_errors()
    {
        var sid = _twilio.AddCall();
        _twilio.FailNext(2, HttpStatusCode.ServiceUnavailable);

        await Client().HangUpAsync(sid, CancellationToken.None);

        _twilio.Calls[sid].Should().Be("completed");
        var requests = _twilio.Requests;
        requests.Should().HaveCount(3);
        requests.Should().OnlyContain(r =>
            r.Method == "POST" && r.Path == $"/2010-04-01/Accounts/{FakeTwilioRest.AccountSid}/Calls/{sid}.json"
            && r.Authorization == FakeTwilioRest.ExpectedAuthorization && r.Form.Count == 1 && r.Value("Status") == "completed");
    }

    [Fact]
    public async Task A_hang_up_waits_as_long_as_retry_after_asks()
    {
        var sid = _twilio.AddCall();
        _twilio.FailNext(1, HttpStatusCode.TooManyRequests, 20429, "Too Many Requests", retryAfter: TimeSpan.FromSeconds(1));

        await Client().HangUpAsync(sid, CancellationToken.None);

        var requests = _twilio.Requests;
        requests.Should().HaveCount(2);
        (requests[1].ReceivedAt - requests[0].ReceivedAt).Should().BeGreaterThan(TimeSpan.FromMilliseconds(900));
        _twilio.Calls[sid].Should().Be("completed");
    }

    [Fact]
    public async Task A_retry_after_longer_than_worth_waiting_fails_at_once()
    {
        var sid = _twilio.AddCall();
        _twilio.FailNext(1, HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.FromMinutes(2));
        var watch = Stopwatch.StartNew();

        var failure = await FluentActions.Awaiting(() => Client().HangUpAsync(sid, CancellationToken.None))
            .Should().ThrowAsync<TelephonyProviderException>();

        failure.Which.HttpStatus.Should().Be(503);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        _twilio.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task A_hang_up_gives_up_after_its_retries()
    {
        var sid = _twilio.AddCall();
        _twilio.FailNext(10, HttpStatusCode.InternalServerError);

        var failure = await FluentActions.Awaiting(() => Client().HangUpAsync(sid, CancellationToken.None))
            .Should().ThrowAsync<TelephonyProviderException>();

        failure.Which.HttpStatus.Should().Be(500);
        _twilio.Requests.Should().HaveCount(1 + FastRetries.MaxRetries);
        _twilio.Calls[sid].Should().Be("in-progress");
    }

    [Fact]
    public async Task A_hang_up_that_times_out_is_tried_again()
    {
        var sid = _twilio.AddCall();
        _twilio.DelayNext(1, TimeSpan.FromSeconds(5));

        await Client(timeout: TimeSpan.FromMilliseconds(300)).HangUpAsync(sid, CancellationToken.None);

        _twilio.Requests.Should().HaveCount(2);
        _twilio.Calls[sid].Should().Be("completed");
    }

    [Fact]
    public async Task Hanging_up_a_call_twilio_does_not_know_or_that_already_ended_is_not_an_error()
    {
        var client = Client();
        var unknown = "CA" + Guid.NewGuid().ToString("N");
        var ended = _twilio.AddCall("completed");

        await client.HangUpAsync(unknown, CancellationToken.None);
        await client.HangUpAsync(ended, CancellationToken.None);

        _twilio.Requests.Should().HaveCount(2, "a 404 and a 'call not in progress' are final answers, not retried");
    }

    [Theory]
    [InlineData("")]
    [InlineData("CA123")]
    [InlineData("CA00000000000000000000000000000000/../../Messages")]
    public async Task A_malformed_call_sid_is_refused_before_anything_is_sent(string sid)
    {
        await FluentActions.Awaiting(() => Client().HangUpAsync(sid, CancellationToken.None)).Should().ThrowAsync<ArgumentException>();
        _twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_recording_is_fetched_as_wav_with_credentials_and_retried_through_errors()
    {
        var wav = WaveFile.Silence(WaveEncoding.MuLaw, 8000, 2, TimeSpan.FromMilliseconds(250));
        var url = _twilio.AddRecording(wav);
        _twilio.FailNext(1, HttpStatusCode.BadGateway);

        await using var stream = await Client().FetchRecordingAsync(url.ToString(), CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        copy.ToArray().Should().Equal(wav);
        var requests = _twilio.Requests;
        requests.Should().HaveCount(2);
        requests.Should().OnlyContain(r => r.Method == "GET" && r.Path == url.AbsolutePath + ".wav" && r.Authorization == FakeTwilioRest.ExpectedAuthorization);
    }

    [Fact]
    public async Task A_recording_address_is_completed_against_twilio_and_never_sent_elsewhere()
    {
        var client = Client();
        var recording = $"/2010-04-01/Accounts/{FakeTwilioRest.AccountSid}/Recordings/RE0123";
        client.RecordingUri(recording).Should().Be(new Uri(_twilio.BaseAddress, recording + ".wav"));
        client.RecordingUri(recording + ".wav").Should().Be(new Uri(_twilio.BaseAddress, recording + ".wav"));
        client.RecordingUri(recording + ".mp3").Should().Be(new Uri(_twilio.BaseAddress, recording + ".wav"));

        await FluentActions.Awaiting(() => client.FetchRecordingAsync("https://recordings.example.com" + recording, CancellationToken.None))
            .Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => client.FetchRecordingAsync("", CancellationToken.None)).Should().ThrowAsync<ArgumentException>();
        _twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_recording_is_a_provider_error()
    {
        var failure = await FluentActions.Awaiting(() =>
                Client().FetchRecordingAsync($"/2010-04-01/Accounts/{FakeTwilioRest.AccountSid}/Recordings/RE404", CancellationToken.None))
            .Should().ThrowAsync<TelephonyProviderException>();

        failure.Which.HttpStatus.Should().Be(404);
        failure.Which.ProviderCode.Should().Be(20404);
        _twilio.Requests.Should().ContainSingle();
    }

    [Fact]
    public void The_client_needs_an_account_and_a_token()
    {
        FluentActions.Invoking(() => new TwilioRestClient(new HttpClient(), Options.Create(new TwilioOptions()), FastRetries,
                NullLogger<TwilioRestClient>.Instance))
            .Should().Throw<InvalidOperationException>();
        new TwilioRestClient(new HttpClient { BaseAddress = _twilio.BaseAddress }, Options.Create(new TwilioOptions
        {
            AccountSid = FakeTwilioRest.AccountSid, AuthToken = FakeTwilioRest.AuthToken,
        }), FastRetries, NullLogger<TwilioRestClient>.Instance).IsLive.Should().BeTrue();
    }
}
