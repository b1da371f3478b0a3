using System.Text.Json;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Tools;

namespace ProSaaS.MediaHost.Tests.Tools;

/// <summary>The ledger of what the Api confirmed on a call, and the claims of the assistant it does not back.</summary>
public sealed class ClaimCheckTests
{
    private static readonly JsonElement Empty = JsonSerializer.SerializeToElement(new { });

    /// <summary>What the call's ledger holds for a case: nothing, saved details, a booking (with the lead saved), a callback request.</summary>
    public enum Ledger
    {
        Nothing,
        Saved,
        Booked,
        Callback,
    }

    private static ConfirmedEffects Effects(Ledger ledger)
    {
        var effects = new ConfirmedEffects();
        var lead = Guid.NewGuid();
        switch (ledger)
        {
            case Ledger.Saved:
                effects.Record(new CallToolAnswer("call_1", true, Empty, null, new CallToolEffects(LeadId: lead, FieldsSaved: ["name", "phone"])));
                break;
            case Ledger.Booked:
                effects.Record(new CallToolAnswer("call_1", true, Empty, null, new CallToolEffects(LeadId: lead, FieldsSaved: ["name"])));
                effects.Record(new CallToolAnswer("call_2", true, Empty, null, new CallToolEffects(LeadId: lead, AppointmentId: Guid.NewGuid())));
                break;
            case Ledger.Callback:
                effects.Record(new CallToolAnswer("call_1", true, Empty, null, new CallToolEffects(LeadId: lead, TaskId: Guid.NewGuid())));
                break;
        }

        return effects;
    }

    public static TheoryData<string, string, Ledger, ClaimKind[]> Utterances => new()
    {
        // Bookings
        { "a booking claimed with none confirmed", "מעולה, קבעתי לך פגישה ליום שלישי בעשר.", Ledger.Nothing, [ClaimKind.Booked] },
        { "a booking claimed with details saved only", "קבעתי לך פגישה למחר ב-9.", Ledger.Saved, [ClaimKind.Booked] },
        { "a confirmed booking", "קבעתי לך פגישה למחר ב-9.", Ledger.Booked, [] },
        { "the passive", "הפגישה שלך נקבעה לשלישי בשלוש.", Ledger.Nothing, [ClaimKind.Booked] },
        { "the appointment is set", "התור שלך קבוע ליום ראשון.", Ledger.Saved, [ClaimKind.Booked] },
        { "a slot reserved", "שריינתי לך את השעה עשר וחצי.", Ledger.Nothing, [ClaimKind.Booked] },
        { "a registration for a meeting is a booking, not a saved detail", "רשמתי לך תור לחמישי.", Ledger.Saved, [ClaimKind.Booked] },
        { "with the conjunction prefix", "ותיאמתי לך ביקור בנכס.", Ledger.Nothing, [ClaimKind.Booked] },
        { "a negated booking", "עוד לא קבעתי את הפגישה, רק בדקתי זמינות.", Ledger.Nothing, [] },
        { "the booking was not set", "הפגישה לא נקבעה, המועד תפוס.", Ledger.Nothing, [] },
        { "an offer to book", "אני יכולה לקבוע לך פגישה ליום שלישי, מתאים?", Ledger.Nothing, [] },
        { "a future plan", "בוא נקבע פגישה. איזה יום נוח לך?", Ledger.Nothing, [] },
        { "a first-person future", "אקבע לך את הפגישה מיד אחרי שאשמע את השם.", Ledger.Nothing, [] },

        // Saved details
        { "details claimed saved with nothing saved", "שמרתי את מספר הטלפון שלך.", Ledger.Nothing, [ClaimKind.Saved] },
        { "saved details confirmed", "שמרתי את מספר הטלפון שלך.", Ledger.Saved, [] },
        { "the passive of saved", "הפרטים שלך נשמרו במערכת.", Ledger.Nothing, [ClaimKind.Saved] },
        { "noted down", "רשמתי את השם, דנה כהן.", Ledger.Nothing, [ClaimKind.Saved] },
        { "updated", "עדכנתי את הכתובת.", Ledger.Nothing, [ClaimKind.Saved] },
        { "a booking also saved the lead", "רשמתי את הפרטים.", Ledger.Booked, [] },
        { "not yet saved", "עדיין לא שמרתי את הפרטים, רק רגע.", Ledger.Nothing, [] },
        { "a question about the number", "מה מספר הטלפון שלך? אני רוצה לשמור אותו.", Ledger.Nothing, [] },

        // Sent or passed on
        { "a message claimed sent", "שלחתי לך הודעה עם כל הפרטים.", Ledger.Booked, [ClaimKind.Sent] },
        { "a message promised", "תקבלי הודעת אישור בוואטסאפ.", Ledger.Booked, [ClaimKind.Sent] },
        { "a request passed on without a callback", "העברתי את הבקשה שלך לנציג.", Ledger.Saved, [ClaimKind.Forwarded] },
        { "details sent to a person are passed on", "שלחתי את הפרטים שלך לנציג של המשרד.", Ledger.Nothing, [ClaimKind.Forwarded] },
        { "details sent to a person, with a callback", "שלחתי את הפרטים שלך לנציג של המשרד.", Ledger.Callback, [] },
        { "a callback does not send messages", "שלחתי לך SMS עם הכתובת.", Ledger.Callback, [ClaimKind.Sent] },
        { "English, passed on without a callback", "I've passed your request on to the team.", Ledger.Nothing, [ClaimKind.Forwarded] },
        { "a request passed on with a callback", "העברתי את הבקשה שלך לנציג, והוא יחזור אליך.", Ledger.Callback, [] },
        { "not sent", "לא שלחתי שום הודעה.", Ledger.Nothing, [] },

        // Several claims, and the caller's language
        { "two claims in one breath", "שמרתי את הפרטים וקבעתי לך פגישה ליום רביעי.", Ledger.Saved, [ClaimKind.Booked] },
        { "three unbacked claims in order", "רשמתי הכל, קבעתי פגישה ושלחתי לך אישור.", Ledger.Nothing, [ClaimKind.Saved, ClaimKind.Booked, ClaimKind.Sent] },
        { "mixed Hebrew and English", "מעולה! I've booked you for Tuesday at 10.", Ledger.Nothing, [ClaimKind.Booked] },
        { "English, backed", "Great, your appointment is booked for Tuesday at ten.", Ledger.Booked, [] },
        { "English, unbacked save", "I've noted your number, thanks.", Ledger.Nothing, [ClaimKind.Saved] },
        { "English, a confirmation promised", "You'll receive a confirmation by text.", Ledger.Callback, [ClaimKind.Sent] },
        { "English, an offer", "Would you like me to book a meeting for Tuesday?", Ledger.Nothing, [] },
        { "English, negated", "I could not book that time, it is taken.", Ledger.Nothing, [] },
        { "nothing claimed", "שלום, הגעתם למשרד. במה אפשר לעזור?", Ledger.Nothing, [] },
        { "empty text", "", Ledger.Nothing, [] },
    };

    [Theory]
    [MemberData(nameof(Utterances))]
    public void Claims_the_ledger_does_not_back_are_found(string what, string text, Ledger ledger, ClaimKind[] unsupported)
    {
        ClaimCheck.Find(text, Effects(ledger)).Select(c => c.Kind).Should().Equal(unsupported, what);
    }

    [Fact]
    public void An_unsupported_claim_names_its_words()
    {
        var claim = ClaimCheck.Find("אוקיי, הפגישה שלך נקבעה לשלישי.", new ConfirmedEffects()).Should().ContainSingle().Subject;

        claim.Should().Be(new UnsupportedClaim(ClaimKind.Booked, "הפגישה שלך נקבעה"));
    }

    [Fact]
    public void The_ledger_keeps_what_confirmed_answers_say_and_nothing_of_refusals()
    {
        var effects = new ConfirmedEffects();
        var lead = Guid.NewGuid();
        var appointment = Guid.NewGuid();
        var task = Guid.NewGuid();

        effects.Record(new CallToolAnswer("call_0", false, Empty, "המועד תפוס", new CallToolEffects(AppointmentId: Guid.NewGuid())));
        effects.Record(new CallToolAnswer("call_1", true, Empty, null, new CallToolEffects(LeadId: lead, FieldsSaved: ["name", "city"])));
        effects.Record(new CallToolAnswer("call_2", true, Empty, null, new CallToolEffects(LeadId: lead, FieldsSaved: ["city", "phone"])));
        effects.Record(new CallToolAnswer("call_3", true, Empty, null, new CallToolEffects(LeadId: lead, AppointmentId: appointment)));
        effects.Record(new CallToolAnswer("call_4", true, Empty, null, new CallToolEffects(LeadId: lead, AppointmentId: appointment)));
        effects.Record(new CallToolAnswer("call_5", true, Empty, null, new CallToolEffects(LeadId: lead, TaskId: task)));
        effects.Record(new CallToolAnswer("call_6", true, Empty, null, new CallToolEffects(EndCall: "user_goodbye")));

        effects.LeadId.Should().Be(lead);
        effects.SavedFields.Should().BeEquivalentTo("name", "city", "phone");
        effects.HasBooking.Should().BeTrue();
        effects.Appointments.Should().Equal(appointment);
        effects.HasCallback.Should().BeTrue();
        effects.EndCall.Should().Be("user_goodbye");
    }

    [Fact]
    public void An_empty_ledger_backs_nothing()
    {
        var effects = new ConfirmedEffects();

        effects.HasBooking.Should().BeFalse();
        effects.HasCallback.Should().BeFalse();
        effects.SavedFields.Should().BeEmpty();
        effects.LeadId.Should().BeNull();
        effects.EndCall.Should().BeNull();
        effects.Record(new CallToolAnswer("call_1", false, Empty, ApiToolClient.FallbackSpoken, CallToolEffects.None));
        effects.HasBooking.Should().BeFalse();
    }
}
