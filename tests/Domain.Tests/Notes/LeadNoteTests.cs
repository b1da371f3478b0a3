using ProSaaS.Domain.Common;
using ProSaaS.Domain.Notes;

namespace ProSaaS.Domain.Tests.Notes;

public sealed class LeadNoteTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);
    private static readonly Guid LeadId = Guid.NewGuid();

    private static NoteAttachment File(string name = "חזית.png") =>
        new(Guid.NewGuid(), name, "image/png", 1234, new string('a', 64), $"tenant/2026/03/{Guid.NewGuid():N}");

    [Fact]
    public void A_note_is_added_with_trimmed_text_and_every_event_names_its_lead()
    {
        var note = LeadNote.Add(Guid.NewGuid(), LeadId, "  שיחה ראשונה\r\nשורה שנייה  ", "user-1", "דנה כהן", Now);

        note.Text.Should().Be("שיחה ראשונה\nשורה שנייה");
        note.AuthorName.Should().Be("דנה כהן");
        note.Version.Should().Be(1);
        var added = note.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<LeadNoteAdded>().Subject;
        added.LeadId.Should().Be(LeadId);

        note.Attach(File(), "user-1", Now);
        note.Edit("שיחה שנייה", "user-1", Now);
        note.RemoveAttachment(note.Attachments[0].Id, "user-1", Now);
        note.Delete("user-1", Now);
        note.UncommittedEvents.Select(e => (Guid)e.GetType().GetProperty("LeadId")!.GetValue(e)!).Should().OnlyContain(id => id == LeadId);
    }

    [Fact]
    public void A_note_needs_text_or_a_file()
    {
        FluentActions.Invoking(() => LeadNote.Add(Guid.NewGuid(), LeadId, "   ", "user-1", "דנה", Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be(LeadNote.EmptyCode);

        var fileOnly = LeadNote.Add(Guid.NewGuid(), LeadId, null, "user-1", "דנה", Now, File());
        fileOnly.Text.Should().BeEmpty();
        fileOnly.Attachments.Should().ContainSingle();
        fileOnly.UncommittedEvents.Select(e => e.GetType()).Should().Equal(typeof(LeadNoteAdded), typeof(LeadNoteAttachmentAdded));
    }

    [Fact]
    public void Text_is_limited_to_ten_thousand_characters()
    {
        LeadNote.Add(Guid.NewGuid(), LeadId, new string('א', LeadNote.MaxTextLength), "user-1", "דנה", Now).Text.Length.Should().Be(LeadNote.MaxTextLength);
        FluentActions.Invoking(() => LeadNote.Add(Guid.NewGuid(), LeadId, new string('א', LeadNote.MaxTextLength + 1), "user-1", "דנה", Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("note.text_too_long");
    }

    [Fact]
    public void Editing_to_the_same_text_changes_nothing_and_emptying_needs_a_file()
    {
        var note = LeadNote.Add(Guid.NewGuid(), LeadId, "טקסט", "user-1", "דנה", Now);
        note.MarkCommitted();

        note.Edit(" טקסט ", "user-1", Now);
        note.UncommittedEvents.Should().BeEmpty();
        FluentActions.Invoking(() => note.Edit("", "user-1", Now)).Should().Throw<DomainException>().Which.Code.Should().Be(LeadNote.EmptyCode);

        note.Attach(File(), "user-1", Now);
        note.Edit("", "user-1", Now);
        note.Text.Should().BeEmpty();
        note.EditedAt.Should().Be(Now);
    }

    [Fact]
    public void The_last_file_of_a_note_without_text_cannot_be_removed()
    {
        var note = LeadNote.Add(Guid.NewGuid(), LeadId, null, "user-1", "דנה", Now, File("1.png"));
        note.Attach(File("2.png"), "user-1", Now);

        note.RemoveAttachment(note.Attachments[0].Id, "user-1", Now);
        note.Attachments.Should().ContainSingle().Which.FileName.Should().Be("2.png");
        FluentActions.Invoking(() => note.RemoveAttachment(note.Attachments[0].Id, "user-1", Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be(LeadNote.EmptyCode);
        FluentActions.Invoking(() => note.RemoveAttachment(Guid.NewGuid(), "user-1", Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("note.file_unknown");
    }

    [Fact]
    public void A_note_holds_a_limited_number_of_files()
    {
        var note = LeadNote.Add(Guid.NewGuid(), LeadId, "קבצים", "user-1", "דנה", Now);
        for (var i = 0; i < LeadNote.MaxAttachments; i++)
        {
            note.Attach(File(), "user-1", Now);
        }

        FluentActions.Invoking(() => note.Attach(File(), "user-1", Now)).Should().Throw<DomainException>().Which.Code.Should().Be("note.too_many_files");
    }

    [Fact]
    public void A_deleted_note_takes_no_changes_and_deleting_again_changes_nothing()
    {
        var note = LeadNote.Add(Guid.NewGuid(), LeadId, "טקסט", "user-1", "דנה", Now, File());
        note.Delete("admin-1", Now);
        note.MarkCommitted();

        note.IsDeleted.Should().BeTrue();
        note.Attachments.Should().BeEmpty();
        note.Delete("admin-1", Now);
        note.UncommittedEvents.Should().BeEmpty();
        FluentActions.Invoking(() => note.Edit("חדש", "user-1", Now)).Should().Throw<DomainException>().Which.Code.Should().Be(LeadNote.DeletedCode);
        FluentActions.Invoking(() => note.Attach(File(), "user-1", Now)).Should().Throw<DomainException>().Which.Code.Should().Be(LeadNote.DeletedCode);
    }

    [Fact]
    public void Replaying_the_events_rebuilds_the_same_note()
    {
        var original = LeadNote.Add(Guid.NewGuid(), LeadId, "טקסט", "key:1", "n8n", Now, File("a.pdf"));
        original.Attach(File("b.png"), "key:1", Now);
        original.Edit("טקסט חדש", "user-2", Now.AddMinutes(5));
        original.RemoveAttachment(original.Attachments[0].Id, "user-2", Now.AddMinutes(6));

        var replayed = (LeadNote)Activator.CreateInstance(typeof(LeadNote), nonPublic: true)!;
        var version = 0;
        foreach (var e in original.UncommittedEvents)
        {
            replayed.ReplayEvent(e, ++version);
        }

        replayed.Should().BeEquivalentTo(original, o => o.Excluding(n => n.UncommittedEvents).Excluding(n => n.PersistedVersion));
        replayed.Attachments.Select(a => a.FileName).Should().Equal("b.png");
    }
}
