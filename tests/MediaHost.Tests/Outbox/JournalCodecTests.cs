using System.Text;
using ProSaaS.MediaHost.Outbox;

namespace ProSaaS.MediaHost.Tests.Outbox;

public sealed class JournalCodecTests
{
    private static OutboxEntry Command(long sequence, string text = "שלום") => new()
    {
        Sequence = sequence,
        Kind = OutboxEntryKind.Command,
        TenantId = "biz-a",
        CallId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        Id = Guid.NewGuid(),
        EnqueuedAt = new DateTimeOffset(2025, 3, 2, 10, 0, 0, TimeSpan.Zero),
        Command = Encoding.UTF8.GetBytes($$"""{"type":"transcript_turn","text":"{{text}}"}"""),
    };

    [Fact]
    public void Entries_and_settlements_read_back_as_written()
    {
        var command = Command(1);
        var recording = new OutboxEntry
        {
            Sequence = 2,
            Kind = OutboxEntryKind.Recording,
            TenantId = "biz-a",
            CallId = Guid.NewGuid(),
            Id = Guid.NewGuid(),
            EnqueuedAt = DateTimeOffset.UnixEpoch,
            RecordingFile = "a.wav",
            RecordingSource = "/var/recordings/a.wav",
        };
        var data = JournalCodec.EncodeEntry(command).Concat(JournalCodec.EncodeEntry(recording)).Concat(JournalCodec.EncodeSettled(1, deadLetter: true)).ToArray();

        var records = JournalCodec.Read(data, out var damaged);

        damaged.Should().Be(0);
        records.Should().HaveCount(3);
        records[0].Entry.Should().BeEquivalentTo(command, o => o.Excluding(e => e.Durable));
        records[1].Entry.Should().BeEquivalentTo(recording, o => o.Excluding(e => e.Durable));
        records[2].Should().Be(new JournalRecord(1, null));
    }

    [Fact]
    public void A_torn_last_record_is_skipped_at_every_length()
    {
        var whole = JournalCodec.EncodeEntry(Command(1)).Concat(JournalCodec.EncodeEntry(Command(2))).ToArray();
        var second = JournalCodec.EncodeEntry(Command(1)).Length;

        for (var cut = second; cut < whole.Length; cut++)
        {
            var records = JournalCodec.Read(whole.AsSpan(0, cut), out var damaged);

            records.Select(r => r.Sequence).Should().Equal([1L], $"cut at {cut}");
            damaged.Should().Be(cut - second);
        }
    }

    [Fact]
    public void A_damaged_record_in_the_middle_is_skipped_and_reading_resumes_at_the_next_whole_one()
    {
        var first = JournalCodec.EncodeEntry(Command(1));
        var middle = JournalCodec.EncodeEntry(Command(2, "נפגע"));
        var last = JournalCodec.EncodeEntry(Command(3));
        middle[^5] ^= 0xFF;

        var records = JournalCodec.Read([.. first, .. middle, .. last], out var damaged);

        records.Select(r => r.Sequence).Should().Equal(1, 3);
        damaged.Should().Be(middle.Length);
    }

    [Fact]
    public void A_half_written_record_followed_by_whole_ones_loses_only_itself()
    {
        var first = JournalCodec.EncodeEntry(Command(1));
        var torn = JournalCodec.EncodeEntry(Command(2))[..20];
        var after = JournalCodec.EncodeEntry(Command(3));

        var records = JournalCodec.Read([.. first, .. torn, .. after], out _);

        records.Select(r => r.Sequence).Should().Equal(1, 3);
    }

    [Fact]
    public void Garbage_and_zeroes_read_as_nothing()
    {
        JournalCodec.Read(new byte[4096], out var zeroes).Should().BeEmpty();
        zeroes.Should().Be(4096);
        JournalCodec.Read("PSJ1PSJ1PSJ1 not a journal"u8, out _).Should().BeEmpty();
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value() =>
        Crc32.Compute("123456789"u8).Should().Be(0xCBF43926u);
}
