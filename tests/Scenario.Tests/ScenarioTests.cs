using System.Collections.Concurrent;
using ProSaaS.Sandbox.Scenarios;

namespace ProSaaS.Scenario.Tests;

/// <summary>
/// The scenario files of <c>scenarios/</c> played through the real pipeline (Api + PostgreSQL + media host + sandbox
/// assistant), each in a business of its own. Every test first needs its scenario's report to pass (each expectation
/// checked through the REST API), then looks at PostgreSQL itself: the call's events, why it ended, the lead's row and
/// the appointment's row. The scenarios start together (four calls at a time) when the first test starts, so the whole
/// class takes about as long as its slowest calls.
/// </summary>
[Collection(ScenarioCollection.Name)]
public sealed class ScenarioTests(ScenarioPipeline pipeline)
{
    /// <summary>Four calls at once: enough to overlap the waits, few enough for two loaded cores.</summary>
    private static readonly SemaphoreSlim Lines = new(4);

    private static readonly ConcurrentDictionary<string, Lazy<Task<Played>>> Plays = new();

    private static readonly string[] All =
    [
        "silent-caller.json", "inbound-booking.json", "outside-hours.json", "outbound-template.json", "english-caller.json",
        "barge-in.json", "hallucination.json", "dtmf-phone.json",
    ];

    [Fact]
    public async Task A_full_inbound_call_captures_name_phone_and_area_and_books_tomorrow_at_ten()
    {
        var played = await PlayAsync("inbound-booking.json");
        await ShouldHaveEventsAsync(played, "call_started", "call_lead_linked", "call_tool_applied", "call_media_ended", "call_completed");
        (await EndReasonAsync(played)).Should().Be("user_goodbye");
        var lead = await LeadAsync(played);
        lead.Name.Should().Be("יעל לוי");
        lead.Phone.Should().Be("+972521110001");
        lead.City.Should().Be("תל אביב");
        var booked = await BookedAsync(played, lead.Id);
        booked.Should().ContainSingle();
        var local = TimeZoneInfo.ConvertTime(booked[0], TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem"));
        local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture).Should().Be("10:00");
        DateOnly.FromDateTime(local.DateTime).Should().Be(DateOnly.FromDateTime(
            TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem")).DateTime).AddDays(1));
    }

    [Fact]
    public async Task An_outbound_call_opens_with_the_templates_greeting()
    {
        var played = await PlayAsync("outbound-template.json");
        await ShouldHaveEventsAsync(played, "call_started", "call_placed", "call_media_ended", "call_completed");
        (await pipeline.Database.ScalarAsync<string>(
            "select data->>'direction' from mt_events where stream_id = $1 and type = 'call_started'", played.CallId)).Should().Be("outbound");
        (await pipeline.Database.ScalarAsync<long>(
            "select count(*) from call_transcript_turns where call_id = $1 and speaker = 'assistant' and text like 'שלום רונית אברהם%'", played.CallId))
            .Should().BePositive("the first words are the template's greeting with the lead's name");
        (await EndReasonAsync(played)).Should().Be("user_goodbye");
    }

    [Fact]
    public async Task A_silent_caller_is_warned_then_told_goodbye_and_the_call_ends_for_silence()
    {
        var played = await PlayAsync("silent-caller.json");
        (await EndReasonAsync(played)).Should().Be("silence");
        await ShouldHaveEventsAsync(played, "call_started", "call_media_ended", "call_completed");
        (await pipeline.Database.ScalarAsync<long>(
            "select count(*) from call_transcript_turns where call_id = $1 and speaker = 'assistant'", played.CallId))
            .Should().BeGreaterThanOrEqualTo(3, "the greeting, at least one silence warning and the farewell");
        (await pipeline.Database.ScalarAsync<long>("select count(*) from appointments where tenant_id = $1", played.Business.Id.ToString()))
            .Should().Be(0);
    }

    [Fact]
    public async Task An_english_speaking_caller_is_answered_in_english()
    {
        var played = await PlayAsync("english-caller.json");
        (await EndReasonAsync(played)).Should().Be("user_goodbye");
        var last = await pipeline.Database.ScalarAsync<string>(
            "select text from call_transcript_turns where call_id = $1 and speaker = 'assistant' order by sequence desc limit 1", played.CallId);
        ScenarioRunner.LanguageOf(last).Should().Be("en", last);
        (await LeadAsync(played)).Name.Should().Be("John Smith");
    }

    [Fact]
    public async Task A_caller_barging_in_cuts_the_assistant_off_mid_answer()
    {
        var played = await PlayAsync("barge-in.json");
        played.Clears.Should().BePositive("Twilio was told to drop the rest of the answer");
        (await pipeline.Database.ScalarAsync<long>(
            "select count(*) from call_transcript_turns where call_id = $1 and speaker = 'assistant' and interrupted", played.CallId))
            .Should().BePositive();
        (await LeadAsync(played)).Name.Should().Be("משה פרץ");
        (await EndReasonAsync(played)).Should().Be("user_goodbye");
    }

    [Fact]
    public async Task A_hallucinated_thank_you_for_watching_on_a_noisy_line_is_ignored()
    {
        var played = await PlayAsync("hallucination.json");
        (await pipeline.Database.ScalarAsync<long>(
            "select count(*) from mt_events where stream_id = $1 and data::text ilike '%thank you for watching%'", played.CallId))
            .Should().Be(0, "the set-aside transcript never reaches the Api");
        (await LeadAsync(played)).Name.Should().Be("אורי גל");
        (await EndReasonAsync(played)).Should().Be("user_goodbye");
    }

    [Fact]
    public async Task A_booking_outside_business_hours_is_refused_and_a_real_alternative_is_booked()
    {
        var played = await PlayAsync("outside-hours.json");
        var lead = await LeadAsync(played);
        var booked = await BookedAsync(played, lead.Id);
        booked.Should().ContainSingle();
        var local = TimeZoneInfo.ConvertTime(booked[0], TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem"));
        local.TimeOfDay.Should().BeGreaterThanOrEqualTo(TimeSpan.FromHours(8)).And.BeLessThan(TimeSpan.FromHours(20),
            "the alternative booked is inside the business's hours");
        await ShouldHaveEventsAsync(played, "call_tool_applied", "call_completed");
    }

    [Fact]
    public async Task A_phone_number_keyed_on_the_keypad_is_saved()
    {
        var played = await PlayAsync("dtmf-phone.json");
        var lead = await LeadAsync(played);
        lead.Phone.Should().Be("+972541234568");
        lead.Name.Should().Be("אבי שמש");
        (await EndReasonAsync(played)).Should().Be("user_goodbye");
    }

    [Fact]
    public void Every_scenario_file_of_the_repository_reads()
    {
        var files = ScenarioFile.Find(ScenarioDirectory);
        files.Select(Path.GetFileName).Should().Contain(All).And.Contain("demo.json");
        foreach (var file in files)
        {
            ScenarioFile.Load(file).Steps.Should().NotBeEmpty(file);
        }
    }

    private static string ScenarioDirectory => Path.Combine(AppContext.BaseDirectory, "scenarios");

    /// <summary>This scenario's play, started with all the others the first time any is asked for; fails unless its report passed.</summary>
    private async Task<Played> PlayAsync(string file)
    {
        foreach (var name in All)
        {
            Plays.GetOrAdd(name, n => new Lazy<Task<Played>>(() => Task.Run(() => PlayOneAsync(n))));
        }

        var tasks = All.Select(n => Plays[n].Value).ToList();
        var played = await Plays[file].Value;
        played.Report.Passed.Should().BeTrue(played.Report.ToText());
        GC.KeepAlive(tasks);
        return played;
    }

    private async Task<Played> PlayOneAsync(string file)
    {
        var scenario = ScenarioFile.Load(Path.Combine(ScenarioDirectory, file));
        var business = await pipeline.NewBusinessAsync("עסק " + scenario.Name);
        await Lines.WaitAsync();
        try
        {
            using var runner = pipeline.Runner(business);
            var report = await runner.RunAsync(scenario);
            return new Played(business, report, report.CallId ?? Guid.Empty, runner.LastCaller?.Clears.Count ?? 0);
        }
        finally
        {
            Lines.Release();
        }
    }

    private async Task ShouldHaveEventsAsync(Played played, params string[] aliases)
    {
        foreach (var alias in aliases)
        {
            (await pipeline.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1 and type = $2", played.CallId, alias))
                .Should().BePositive($"the call records {alias}");
        }
    }

    private Task<string> EndReasonAsync(Played played) =>
        pipeline.Database.ScalarAsync<string>("select data->>'endReason' from mt_events where stream_id = $1 and type = 'call_media_ended'", played.CallId);

    private async Task<(Guid Id, string? Name, string? Phone, string? City)> LeadAsync(Played played)
    {
        var text = await pipeline.Database.ScalarAsync<string>(
            "select data->>'leadId' from mt_events where stream_id = $1 and data->>'leadId' is not null order by seq_id desc limit 1", played.CallId);
        text.Should().NotBeNull("the call is linked to a lead");
        var id = Guid.Parse(text);
        var tenant = played.Business.Id.ToString();
        return (id,
            await pipeline.Database.ScalarAsync<string>("select name from leads where tenant_id = $1 and id = $2", tenant, id),
            await pipeline.Database.ScalarAsync<string>("select phone from leads where tenant_id = $1 and id = $2", tenant, id),
            await pipeline.Database.ScalarAsync<string>("select fields->>'city' from leads where tenant_id = $1 and id = $2", tenant, id));
    }

    private async Task<IReadOnlyList<DateTimeOffset>> BookedAsync(Played played, Guid leadId)
    {
        var count = await pipeline.Database.ScalarAsync<long>(
            "select count(*) from appointments where tenant_id = $1 and lead_id = $2 and status = 'booked'", played.Business.Id.ToString(), leadId);
        if (count == 0)
        {
            return [];
        }

        var first = await pipeline.Database.ScalarAsync<DateTime>(
            "select min(starts_at) from appointments where tenant_id = $1 and lead_id = $2 and status = 'booked'", played.Business.Id.ToString(), leadId);
        return Enumerable.Repeat(new DateTimeOffset(DateTime.SpecifyKind(first, DateTimeKind.Utc)), (int)count).ToList();
    }

    private sealed record Played(Business Business, ScenarioReport Report, Guid CallId, int Clears);
}
