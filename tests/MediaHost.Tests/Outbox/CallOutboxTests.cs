using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Outbox;

namespace ProSaaS.MediaHost.Tests.Outbox;

public sealed class CallOutboxTests : FakeApiTests
{
    [Fact]
    public async Task Each_calls_commands_arrive_once_in_the_order_given_and_the_journal_is_emptied()
    {
        var calls = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var call in calls)
        {
            Api.AddCall(Tenant, call);
        }

        await using var host = OutboxTestHost.Create(Api, Folder.Path);
        var sent = calls.ToDictionary(c => c, _ => new List<CallCommand>());
        await Task.WhenAll(calls.Select(async call =>
        {
            for (var i = 0; i < 20; i++)
            {
                var command = i == 19 ? (CallCommand)Commands.Ended() : Commands.Turn(i);
                sent[call].Add(command);
                await host.Port.EnqueueAsync(Tenant, call, command);
            }
        }));

        await Api.WaitForCommandsAsync(60);
        await host.Outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var call in calls)
        {
            Api.CommandsOf(call).Select(c => c.Command).Should().Equal(sent[call], "a call's commands arrive in the order given");
        }

        Api.CommandDeliveries.Should().Be(60, "nothing was repeated");
        Api.Commands.First(c => c.Command is CallEndedCommand).Json.Should().Contain("\"type\":\"call_ended\"");
        await WaitForAsync(() => JournalBytes() == 0);
    }

    [Fact]
    public async Task A_short_outage_in_the_middle_of_a_calls_commands_loses_nothing_and_applies_each_once()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        await using var host = OutboxTestHost.Create(Api, Folder.Path);
        var sent = new List<CallCommand>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add(Commands.Turn(i));
            await host.Port.EnqueueAsync(Tenant, call, sent[^1]);
        }

        await Api.WaitForCommandsAsync(call, 5);
        await host.Outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await Api.GoDownAsync();
        for (var i = 5; i < 15; i++)
        {
            sent.Add(Commands.Turn(i));
            await host.Port.EnqueueAsync(Tenant, call, sent[^1]);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Api.CommandsOf(call).Should().HaveCount(5, "the Api is down");
        host.Outbox.PendingCount.Should().Be(10);
        await Api.ComeUpAsync();

        await Api.WaitForCommandsAsync(call, 15);
        await host.Outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Api.CommandsOf(call).Select(c => c.Command).Should().Equal(sent);
        sent.Should().OnlyContain(c => Api.Deliveries(c.CommandId) == 1);
        host.Log.At(LogLevel.Warning).Should().Contain(m => m.Contains("trying again", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.Unauthorized)]
    public async Task Passing_failures_are_retried_until_the_Api_takes_the_command(HttpStatusCode status)
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        Api.FailNext(3, status);
        await using var host = OutboxTestHost.Create(Api, Folder.Path);

        var command = Commands.Turn(1);
        await host.Port.EnqueueAsync(Tenant, call, command);

        await Api.WaitForCommandsAsync(call, 1);
        Api.Requests.Select(r => r.Status).Should().Equal((int)status, (int)status, (int)status, 200);
        Directory.EnumerateFiles(Folder.DeadLetters).Should().BeEmpty();
    }

    [Fact]
    public async Task A_too_many_requests_answer_is_waited_out_as_it_asks_up_to_the_longest_retry_delay()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        Api.FailNext(1, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(30));
        await using var host = OutboxTestHost.Create(Api, Folder.Path, new Dictionary<string, string?> { ["Outbox:MaxRetryDelaySeconds"] = "1" });

        await host.Port.EnqueueAsync(Tenant, call, Commands.Turn(1));

        await Api.WaitForCommandsAsync(call, 1);
        var requests = Api.Requests;
        // About the 1 s cap: not at once, and nowhere near the 30 s asked for (a loaded machine adds some scheduling delay).
        (requests[1].At - requests[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900))
            .And.BeLessThan(TimeSpan.FromSeconds(5), "Retry-After is honoured, but never beyond Outbox:MaxRetryDelaySeconds");
    }

    [Fact]
    public async Task One_calls_stuck_command_does_not_hold_up_another_call()
    {
        var stuck = Guid.NewGuid();
        var flowing = Guid.NewGuid();
        Api.AddCall(Tenant, stuck);
        Api.AddCall(Tenant, flowing);
        Api.FailCall(stuck);
        await using var host = OutboxTestHost.Create(Api, Folder.Path);

        var stuckCommands = new[] { Commands.Turn(1), Commands.Turn(2) };
        foreach (var command in stuckCommands)
        {
            await host.Port.EnqueueAsync(Tenant, stuck, command);
        }

        for (var i = 0; i < 10; i++)
        {
            await host.Port.EnqueueAsync(Tenant, flowing, Commands.Turn(i));
        }

        await Api.WaitForCommandsAsync(flowing, 10);
        await WaitForAsync(() => host.Outbox.PendingCount == 2);
        Api.CommandsOf(stuck).Should().BeEmpty();

        Api.HealCall(stuck);
        await Api.WaitForCommandsAsync(stuck, 2);
        Api.CommandsOf(stuck).Select(c => c.Command).Should().Equal(stuckCommands);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(HttpStatusCode.UnsupportedMediaType)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task A_command_the_Api_refuses_for_good_goes_to_the_dead_letters_and_the_calls_later_commands_still_arrive(HttpStatusCode status)
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        await using var host = OutboxTestHost.Create(Api, Folder.Path);
        var first = Commands.Turn(1);
        var refused = Commands.Turn(2);
        var later = Commands.Ended();
        Api.RejectCommand(refused.CommandId, status);

        await host.Port.EnqueueAsync(Tenant, call, first);
        await host.Port.EnqueueAsync(Tenant, call, refused);
        await host.Port.EnqueueAsync(Tenant, call, later);

        await Api.WaitForCommandsAsync(call, 2);
        await host.Outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Api.CommandsOf(call).Select(c => c.Command).Should().Equal(first, later);
        Api.Deliveries(refused.CommandId).Should().Be(1, "a refusal for good is never retried");

        var letter = Directory.EnumerateFiles(Folder.DeadLetters, "*.json").Should().ContainSingle().Subject;
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(letter));
        json.RootElement.GetProperty("callId").GetGuid().Should().Be(call);
        json.RootElement.GetProperty("tenantId").GetString().Should().Be(Tenant);
        json.RootElement.GetProperty("status").GetInt32().Should().Be((int)status);
        json.RootElement.GetProperty("command").GetProperty("commandId").GetGuid().Should().Be(refused.CommandId);
        json.RootElement.GetProperty("command").GetProperty("text").GetString().Should().Be(refused.Text);
        host.Log.Entries.Should().Contain(e => e.Level == LogLevel.Error && e.Message.Contains(refused.CommandId.ToString(), StringComparison.Ordinal));
        await WaitForAsync(() => JournalBytes() == 0);
    }

    [Fact]
    public async Task A_conflict_that_names_a_rule_is_final_and_one_without_a_code_is_retried()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        Api.FailNext(2, HttpStatusCode.Conflict);
        await using var host = OutboxTestHost.Create(Api, Folder.Path);

        await host.Port.EnqueueAsync(Tenant, call, Commands.Turn(1));
        await host.Outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Api.CommandsOf(call).Should().BeEmpty("the fake's scripted 409 names a rule (fake.scripted)");
        Directory.EnumerateFiles(Folder.DeadLetters, "*.json").Should().ContainSingle();
        ApiAnswer.Classify(409, namesARule: false).Should().Be(ApiAnswerKind.Retry, "a 409 without a code is the Api's concurrent write");
    }

    [Fact]
    public async Task Commands_are_sent_again_after_a_restart_mid_delivery_and_none_is_lost_or_applied_twice()
    {
        var calls = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var call in calls)
        {
            Api.AddCall(Tenant, call);
        }

        var sent = calls.ToDictionary(c => c, _ => new List<CallCommand>());
        Api.DelayNext(6, TimeSpan.FromMilliseconds(400));
        await using (var first = OutboxTestHost.Create(Api, Folder.Path))
        {
            for (var i = 0; i < 20; i++)
            {
                foreach (var call in calls)
                {
                    sent[call].Add(Commands.Turn(i));
                    await first.Port.EnqueueAsync(Tenant, call, sent[call][^1]);
                }
            }

            await Api.WaitUntilAsync(api => api.Requests.Count >= 2, what: "the first deliveries");
        }

        var before = Api.Commands.Count;
        before.Should().BeLessThan(40, "the process stopped mid-delivery");

        await using var second = OutboxTestHost.Create(Api, Folder.Path);
        await second.Outbox.StartAsync();
        await Api.WaitForCommandsAsync(40);
        await second.Outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var call in calls)
        {
            Api.CommandsOf(call).Select(c => c.Command).Should().Equal(sent[call], "nothing lost, nothing twice, the order kept");
        }

        second.Log.At(LogLevel.Information).Should().Contain(m => m.Contains("sending them again", StringComparison.Ordinal));
        await WaitForAsync(() => JournalBytes() == 0);
    }

    [Fact]
    public async Task Commands_taken_while_the_Api_was_down_survive_a_restart()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        await Api.GoDownAsync();
        var sent = Enumerable.Range(0, 5).Select(i => (CallCommand)Commands.Turn(i)).Append(Commands.Ended()).ToList();
        await using (var first = OutboxTestHost.Create(Api, Folder.Path))
        {
            foreach (var command in sent)
            {
                await first.Port.EnqueueAsync(Tenant, call, command);
            }
        }

        await Api.ComeUpAsync();
        await using var second = OutboxTestHost.Create(Api, Folder.Path);
        second.Outbox.HasJournal.Should().BeTrue("the host starts the outbox at once when there is something to recover");
        await second.Outbox.StartAsync();

        await Api.WaitForCommandsAsync(call, 6);
        Api.CommandsOf(call).Select(c => c.Command).Should().Equal(sent);
    }

    [Fact]
    public async Task What_the_disk_holds_the_moment_EnqueueAsync_returns_is_enough_to_send_everything()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        await Api.GoDownAsync();
        var sent = Enumerable.Range(0, 5).Select(i => (CallCommand)Commands.Turn(i)).ToList();
        using var crashed = new TempFolder();
        await using (var first = OutboxTestHost.Create(Api, Folder.Path))
        {
            foreach (var command in sent)
            {
                await first.Port.EnqueueAsync(Tenant, call, command);
            }

            // The process dies here, without disposing anything: the copy is the disk as it was left.
            CopyFolder(Folder.Journal, crashed.Journal);
        }

        await Api.ComeUpAsync();
        await using var second = OutboxTestHost.Create(Api, crashed.Path);
        await second.Outbox.StartAsync();

        await Api.WaitForCommandsAsync(call, 5);
        Api.CommandsOf(call).Select(c => c.Command).Should().Equal(sent);
    }

    [Fact]
    public async Task A_write_torn_by_a_crash_does_not_corrupt_the_journal()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        await Api.GoDownAsync();
        var sent = Enumerable.Range(0, 8).Select(i => (CallCommand)Commands.Turn(i)).ToList();
        await using (var first = OutboxTestHost.Create(Api, Folder.Path))
        {
            foreach (var command in sent)
            {
                await first.Port.EnqueueAsync(Tenant, call, command);
            }
        }

        // The crash: the process died while appending one more record; only part of it reached the disk.
        var segment = Directory.EnumerateFiles(Folder.Journal, "*.journal").Single(f => new FileInfo(f).Length > 0);
        var whole = await File.ReadAllBytesAsync(segment);
        var lastRecord = LastRecordStart(whole);
        await using (var file = new FileStream(segment, FileMode.Append))
        {
            file.Write(whole.AsSpan(lastRecord, (whole.Length - lastRecord) / 2));
        }

        await Api.ComeUpAsync();
        await using (var second = OutboxTestHost.Create(Api, Folder.Path))
        {
            await second.Outbox.StartAsync();
            await Api.WaitForCommandsAsync(call, 8);
            await second.Outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
            second.Log.At(LogLevel.Warning).Should().Contain(m => m.Contains("damaged bytes skipped", StringComparison.Ordinal));

            sent.Add(Commands.Ended());
            await second.Port.EnqueueAsync(Tenant, call, sent[^1]);
            await Api.WaitForCommandsAsync(call, 9);
            await second.Outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        Api.CommandsOf(call).Select(c => c.Command).Should().Equal(sent);
        sent.Should().OnlyContain(c => Api.Deliveries(c.CommandId) == 1, "the torn copy of the last record is not a command of its own");

        await using var third = OutboxTestHost.Create(Api, Folder.Path);
        await third.Outbox.StartAsync();
        third.Outbox.PendingCount.Should().Be(0, "everything was settled; the torn bytes are gone with their segment");
        await WaitForAsync(() => JournalBytes() == 0);
    }

    [Fact]
    public async Task A_recording_is_uploaded_after_the_calls_commands_across_an_outage_and_deleted_locally_after()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        var wav = Commands.Wav(200_000);
        var handedOver = Path.Combine(Folder.Path, "call.wav");
        await File.WriteAllBytesAsync(handedOver, wav);
        await using var host = OutboxTestHost.Create(Api, Folder.Path);
        await Api.GoDownAsync();

        var turn = Commands.Turn(1);
        var ended = Commands.Ended();
        await host.Port.EnqueueAsync(Tenant, call, turn);
        await host.Port.EnqueueAsync(Tenant, call, ended);
        await host.Port.EnqueueRecordingAsync(Tenant, call, handedOver);

        File.Exists(handedOver).Should().BeFalse("the recording is moved under the outbox's care");
        Directory.EnumerateFiles(Folder.Recordings).Should().ContainSingle();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await Api.ComeUpAsync();

        (await Api.WaitForRecordingAsync(call)).Should().Equal(wav);
        await host.Outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Api.Requests.Select(r => (r.Action, r.Status)).Should().Equal(("commands", 200), ("commands", 200), ("recording", 201));
        Api.CommandsOf(call).Select(c => c.Command).Should().Equal(turn, ended);
        Api.RecordingUploads(call).Should().Be(1);
        Directory.EnumerateFiles(Folder.Recordings).Should().BeEmpty("an acknowledged recording is deleted locally");
        await WaitForAsync(() => JournalBytes() == 0);
    }

    [Fact]
    public async Task A_recording_upload_refused_for_a_while_is_retried_and_a_repeat_of_a_stored_one_is_taken_as_done()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        var wav = Commands.Wav(64_000);
        await using var host = OutboxTestHost.Create(Api, Folder.Path);
        Api.FailNext(2, HttpStatusCode.ServiceUnavailable);

        var first = Path.Combine(Folder.Path, "first.wav");
        await File.WriteAllBytesAsync(first, wav);
        await host.Port.EnqueueRecordingAsync(Tenant, call, first);
        (await Api.WaitForRecordingAsync(call)).Should().Equal(wav);
        await host.Outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Api.Requests.Select(r => r.Status).Should().Equal(503, 503, 201);

        var again = Path.Combine(Folder.Path, "again.wav");
        await File.WriteAllBytesAsync(again, wav);
        await host.Port.EnqueueRecordingAsync(Tenant, call, again);
        await host.Outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Api.Requests[^1].Status.Should().Be(200, "the same recording again is a repeat the Api already has");
        Directory.EnumerateFiles(Folder.Recordings).Should().BeEmpty();
        Directory.EnumerateFiles(Folder.DeadLetters).Should().BeEmpty();
        host.Log.At(LogLevel.Warning).Should().Contain(m => m.Contains("recording", StringComparison.Ordinal) && m.Contains("trying again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recording_survives_a_restart_and_is_uploaded_by_the_next_process()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        var wav = Commands.Wav(5000, fill: 0x42);
        var handedOver = Path.Combine(Folder.Path, "call.wav");
        await File.WriteAllBytesAsync(handedOver, wav);
        await Api.GoDownAsync();
        await using (var first = OutboxTestHost.Create(Api, Folder.Path))
        {
            await first.Port.EnqueueRecordingAsync(Tenant, call, handedOver);
        }

        await Api.ComeUpAsync();
        await using var second = OutboxTestHost.Create(Api, Folder.Path);
        await second.Outbox.StartAsync();

        (await Api.WaitForRecordingAsync(call)).Should().Equal(wav);
        await second.Outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Directory.EnumerateFiles(Folder.Recordings).Should().BeEmpty();
    }

    [Fact]
    public async Task A_recording_the_Api_refuses_is_kept_in_the_dead_letters_with_its_file()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        var notWav = "%PDF-1.7 not a recording at all, but long enough to look like a header"u8.ToArray();
        var handedOver = Path.Combine(Folder.Path, "call.wav");
        await File.WriteAllBytesAsync(handedOver, notWav);
        await using var host = OutboxTestHost.Create(Api, Folder.Path);

        await host.Port.EnqueueRecordingAsync(Tenant, call, handedOver);
        await host.Outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Api.Recording(call).Should().BeNull();
        Api.RecordingUploads(call).Should().Be(1, "415 is final");
        Directory.EnumerateFiles(Folder.Recordings).Should().BeEmpty();
        var kept = Directory.EnumerateFiles(Folder.DeadLetters, "*.wav").Should().ContainSingle().Subject;
        (await File.ReadAllBytesAsync(kept)).Should().Equal(notWav);
        using var letter = JsonDocument.Parse(await File.ReadAllTextAsync(Directory.EnumerateFiles(Folder.DeadLetters, "*.json").Single()));
        letter.RootElement.GetProperty("status").GetInt32().Should().Be(415);
        letter.RootElement.GetProperty("reason").GetString().Should().Contain("recording.not_wav");
        letter.RootElement.GetProperty("recording").GetString().Should().Be(kept);
    }

    [Fact]
    public async Task A_second_process_on_the_same_folder_is_refused()
    {
        await using var first = OutboxTestHost.Create(Api, Folder.Path);
        await first.Outbox.StartAsync();
        await using var second = OutboxTestHost.Create(Api, Folder.Path);

        var start = () => second.Outbox.StartAsync();

        (await start.Should().ThrowAsync<IOException>()).Which.Message.Should().Contain("in use by another process");
    }

    [Fact]
    public async Task Full_journal_segments_are_deleted_once_everything_in_them_is_acknowledged()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        await using var host = OutboxTestHost.Create(Api, Folder.Path, new Dictionary<string, string?> { ["Outbox:SegmentBytes"] = "4096" });
        Api.FailCall(call);
        for (var i = 0; i < 60; i++)
        {
            await host.Port.EnqueueAsync(Tenant, call, Commands.Turn(i));
        }

        Directory.EnumerateFiles(Folder.Journal).Should().HaveCountGreaterThan(3, "the journal rolls to a new segment past Outbox:SegmentBytes");
        Api.HealCall(call);

        await Api.WaitForCommandsAsync(call, 60);
        await host.Outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await WaitForAsync(() => JournalBytes() == 0 && Directory.EnumerateFiles(Folder.Journal).Count() == 1);
    }

    [Fact]
    public async Task A_disposed_outbox_refuses_new_commands_at_once()
    {
        var host = OutboxTestHost.Create(Api, Folder.Path);
        var outbox = host.Outbox;
        await outbox.StartAsync();
        await host.DisposeAsync();

        await FluentActions.Awaiting(() => outbox.EnqueueAsync(Tenant, Guid.NewGuid(), Commands.Turn(1)).AsTask())
            .Should().ThrowAsync<ObjectDisposedException>();
        await using var next = OutboxTestHost.Create(Api, Folder.Path);
        await FluentActions.Awaiting(() => next.Outbox.StartAsync()).Should().NotThrowAsync("the folder's lock was released");
    }

    [Fact]
    public async Task Enqueue_checks_its_arguments()
    {
        await using var host = OutboxTestHost.Create(Api, Folder.Path);

        await FluentActions.Awaiting(() => host.Port.EnqueueAsync("no spaces allowed", Guid.NewGuid(), Commands.Turn(1)).AsTask())
            .Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => host.Port.EnqueueAsync(Tenant, Guid.Empty, Commands.Turn(1)).AsTask())
            .Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => host.Port.EnqueueAsync(Tenant, Guid.NewGuid(), Commands.Turn(1) with { CommandId = Guid.Empty }).AsTask())
            .Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => host.Port.EnqueueRecordingAsync(Tenant, Guid.NewGuid(), Path.Combine(Folder.Path, "missing.wav")).AsTask())
            .Should().ThrowAsync<FileNotFoundException>();
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private long JournalBytes() =>
        Directory.Exists(Folder.Journal) ? Directory.EnumerateFiles(Folder.Journal).Sum(f => new FileInfo(f).Length) : 0;

    private static int LastRecordStart(byte[] segment)
    {
        var start = 0;
        var position = 0;
        while (position < segment.Length)
        {
            start = position;
            position += 12 + BitConverter.ToInt32(segment, position + 4);
        }

        return start;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold by now");
            await Task.Delay(50);
        }
    }
}
