using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Files;

namespace ProSaaS.Domain.Tests.Calls;

public sealed class CallRecordingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string Hash = new('a', 64);
    private static readonly string OtherHash = new('b', 64);
    private const string Key = "tenant/2026/03/0195f0c31b7e7a608f215c9d3e7a2b14";

    private static Call Connected(Guid? lead = null) =>
        Call.Start(Guid.NewGuid(), CallDirection.Inbound, "CA0123456789abcdef", "+972521234567", "+97233760000", lead, CallStatus.InProgress, T0);

    private static bool Store(Call call, string hash, string key = Key) =>
        call.StoreRecording(key, 32_044, 2000, hash, T0.AddMinutes(3), T0.AddMinutes(3).AddDays(7));

    [Fact]
    public void A_stored_recording_is_recorded_once_with_the_call_and_its_lead()
    {
        var lead = Guid.NewGuid();
        var call = Connected(lead);

        Store(call, Hash).Should().BeTrue();

        var stored = call.UncommittedEvents.OfType<CallRecordingStored>().Should().ContainSingle().Subject;
        stored.Should().Be(new CallRecordingStored(call.Id, lead, 32_044, 2000, Hash, Key, T0.AddMinutes(3), T0.AddMinutes(3).AddDays(7)));
        call.Recording.Should().Be(new CallRecording(Key, 32_044, 2000, Hash, T0.AddMinutes(3), T0.AddMinutes(3).AddDays(7)));
    }

    [Fact]
    public void The_same_file_again_changes_nothing_and_another_file_is_refused()
    {
        var call = Connected();
        Store(call, Hash);

        Store(call, Hash, key: "tenant/2026/03/0195f0c31b7e7a608f215c9d3e7a2b15").Should().BeFalse();
        FluentActions.Invoking(() => Store(call, OtherHash)).Should().Throw<DomainException>().Which.Code.Should().Be(Call.RecordingExistsCode);
        call.UncommittedEvents.OfType<CallRecordingStored>().Should().ContainSingle();
        call.Recording!.StorageKey.Should().Be(Key);
    }

    [Fact]
    public void An_ended_call_takes_its_recording_a_refused_one_never_has_one()
    {
        var ended = Connected();
        ended.End(CallEndReason.Completed, T0.AddMinutes(2));
        Store(ended, Hash).Should().BeTrue();

        var refused = Call.Reject(Guid.NewGuid(), CallDirection.Inbound, "CA1", "+972521234567", "+97233760000", null, CallRejectionReason.LimitReached, T0);
        FluentActions.Invoking(() => Store(refused, Hash)).Should().Throw<DomainException>().Which.Code.Should().Be(Call.RecordingOfRefusedCallCode);
    }

    [Theory]
    [InlineData("", 100, 10, "a", 7, "call.recording_storage_key_required")]
    [InlineData(Key, 0, 10, "a", 7, "call.recording_size_invalid")]
    [InlineData(Key, 100, -1, "a", 7, "call.recording_size_invalid")]
    [InlineData(Key, 100, 10, "A", 7, "call.recording_hash_invalid")]
    [InlineData(Key, 100, 10, "short", 7, "call.recording_hash_invalid")]
    [InlineData(Key, 100, 10, "a", 0, "call.recording_expiry_invalid")]
    public void A_recording_that_does_not_add_up_is_refused(string key, long bytes, long durationMs, string hashDigit, int retentionDays, string code)
    {
        var call = Connected();
        var hash = hashDigit.Length == 1 ? new string(hashDigit[0], 64) : hashDigit;

        FluentActions.Invoking(() => call.StoreRecording(key, bytes, durationMs, hash, T0, T0.AddDays(retentionDays)))
            .Should().Throw<DomainException>().Which.Code.Should().Be(code);
        call.Recording.Should().BeNull();
    }

    [Fact]
    public void Deleting_records_the_reason_once_and_a_late_retry_does_not_bring_the_recording_back()
    {
        var call = Connected();
        call.DeleteRecording(RecordingDeletionReason.Retention, T0).Should().BeFalse("there is nothing to delete yet");
        Store(call, Hash);

        call.DeleteRecording(RecordingDeletionReason.Retention, T0.AddDays(8)).Should().BeTrue();
        call.DeleteRecording(RecordingDeletionReason.Retention, T0.AddDays(9)).Should().BeFalse();

        call.UncommittedEvents.OfType<CallRecordingDeleted>().Should().ContainSingle()
            .Which.Should().Be(new CallRecordingDeleted(call.Id, null, RecordingDeletionReason.Retention, T0.AddDays(8)));
        call.Recording!.IsDeleted.Should().BeTrue();
        Store(call, Hash).Should().BeFalse();
        FluentActions.Invoking(() => Store(call, OtherHash)).Should().Throw<DomainException>();
    }

    [Theory]
    [InlineData(WaveEncoding.Pcm16, 8000, 2, true)]
    [InlineData(WaveEncoding.MuLaw, 8000, 2, true)]
    [InlineData(WaveEncoding.Pcm16, 8000, 1, false)]
    [InlineData(WaveEncoding.MuLaw, 16000, 2, false)]
    [InlineData(WaveEncoding.Pcm16, 8000, 3, false)]
    public void A_recording_is_two_channels_at_8_khz(WaveEncoding encoding, int rate, int channels, bool accepted)
    {
        var problem = CallRecordingFormat.Problem(new WaveFormat(encoding, rate, channels, 0));

        if (accepted)
        {
            problem.Should().BeNull();
        }
        else
        {
            problem.Should().Contain("שני ערוצים").And.Contain(rate.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData(WaveEncoding.Pcm16, 32_000, 1000)]
    [InlineData(WaveEncoding.MuLaw, 16_000, 1000)]
    [InlineData(WaveEncoding.MuLaw, 15_999, 999)]
    [InlineData(WaveEncoding.Pcm16, 0, 0)]
    public void The_duration_counts_whole_frames(WaveEncoding encoding, long dataBytes, long milliseconds)
    {
        CallRecordingFormat.DurationMs(new WaveFormat(encoding, 8000, 2, 0), dataBytes).Should().Be(milliseconds);
    }
}
