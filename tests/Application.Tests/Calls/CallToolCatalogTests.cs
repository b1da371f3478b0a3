using System.Text.Json;
using ProSaaS.Application.Calls.GetCallConfig;
using ProSaaS.Application.Calls.Tools;
using ProSaaS.Domain.Leads;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Tests.Calls;

/// <summary>The functions a call's AI is given, and how their arguments and times are read.</summary>
public sealed class CallToolCatalogTests
{
    private static IReadOnlyList<CallToolDefinition> Catalog(TenantSettings? settings = null) =>
        CallToolCatalog.For(GetCallConfigHandler.FieldsToCollect(settings ?? TenantSettings.Default, knownName: null, knownPhone: null));

    private static JsonElement Parameters(string tool, TenantSettings? settings = null) =>
        Catalog(settings).Single(t => t.Name == tool).Parameters;

    [Fact]
    public void Every_tool_is_in_the_catalogue_with_a_hebrew_description_and_a_closed_object_schema()
    {
        var catalog = Catalog();

        catalog.Select(t => t.Name).Should().Equal(CallToolNames.All);
        foreach (var tool in catalog)
        {
            tool.Description.Should().MatchRegex("[א-ת]", tool.Name);
            tool.Parameters.GetProperty("type").GetString().Should().Be("object", tool.Name);
            tool.Parameters.GetProperty("additionalProperties").GetBoolean().Should().BeFalse(tool.Name);
            tool.Parameters.GetProperty("properties").ValueKind.Should().Be(JsonValueKind.Object, tool.Name);
        }
    }

    [Fact]
    public void Save_lead_fields_takes_the_name_the_phone_and_the_business_fields_collected_on_calls_each_by_its_type()
    {
        var settings = TenantSettings.Default with
        {
            LeadFields =
            [
                new LeadFieldDefinition("city", "עיר", LeadFieldType.Text),
                new LeadFieldDefinition("rooms", "חדרים", LeadFieldType.Number),
                new LeadFieldDefinition("kind", "סוג", LeadFieldType.Select, ["דירה", "בית"]),
                new LeadFieldDefinition("mortgage", "משכנתא", LeadFieldType.Boolean),
                new LeadFieldDefinition("move_in", "כניסה", LeadFieldType.Date),
                new LeadFieldDefinition("office_phone", "טלפון במשרד", LeadFieldType.Phone),
                new LeadFieldDefinition("internal_score", "ציון פנימי", LeadFieldType.Number, CollectOnCall: false),
            ],
        };

        var properties = Parameters(CallToolNames.SaveLeadFields, settings).GetProperty("properties");

        properties.EnumerateObject().Select(p => p.Name).Should().Equal("name", "phone", "city", "rooms", "kind", "mortgage", "move_in", "office_phone");
        properties.GetProperty("name").GetProperty("type").GetString().Should().Be("string");
        properties.GetProperty("name").GetProperty("maxLength").GetInt32().Should().Be(Lead.MaxNameLength);
        properties.GetProperty("phone").GetProperty("description").GetString().Should().Contain("0521234567");
        properties.GetProperty("rooms").GetProperty("type").GetString().Should().Be("number");
        properties.GetProperty("kind").GetProperty("enum").EnumerateArray().Select(o => o.GetString()).Should().Equal("דירה", "בית");
        properties.GetProperty("mortgage").GetProperty("type").GetString().Should().Be("boolean");
        properties.GetProperty("move_in").GetProperty("description").GetString().Should().Contain("yyyy-MM-dd");
        Parameters(CallToolNames.SaveLeadFields, settings).TryGetProperty("required", out _).Should().BeFalse("details are saved one at a time");
    }

    [Theory]
    [InlineData(CallToolNames.BookAppointment, new[] { "date", "time" })]
    [InlineData(CallToolNames.RequestHuman, new[] { "reason" })]
    [InlineData(CallToolNames.EndCall, new[] { "reason" })]
    public void The_other_tools_name_what_they_require(string tool, string[] required)
    {
        Parameters(tool).GetProperty("required").EnumerateArray().Select(r => r.GetString()).Should().Equal(required);
    }

    [Fact]
    public void End_call_takes_the_two_reasons_an_assistant_closes_a_call_with()
    {
        Parameters(CallToolNames.EndCall).GetProperty("properties").GetProperty("reason").GetProperty("enum").EnumerateArray()
            .Select(r => r.GetString()).Should().Equal("user_goodbye", "assistant_ended");
    }

    public static TheoryData<string, string, string> Labels => new()
    {
        { "2026-03-15T14:30:00+02:00", "2026-03-15", "היום 14:30" },
        { "2026-03-16T09:00:00+02:00", "2026-03-15", "מחר 09:00" },
        { "2026-03-17T10:30:00+02:00", "2026-03-15", "יום שלישי 10:30" },
        { "2026-03-21T20:00:00+02:00", "2026-03-15", "יום שבת 20:00" },
        { "2026-03-22T09:00:00+02:00", "2026-03-15", "יום ראשון 22/3 09:00" },
        { "2026-04-07T16:00:00+03:00", "2026-03-15", "יום שלישי 7/4 16:00" },
        { "2026-03-20T12:00:00+02:00", "2026-03-19", "מחר 12:00" },
        { "2026-03-21T00:00:00+02:00", "2026-03-19", "יום שבת 00:00" },
        { "2027-01-01T08:15:00+02:00", "2026-12-31", "מחר 08:15" },
        { "2026-03-29T09:00:00+03:00", "2026-03-27", "יום ראשון 09:00" },
    };

    [Theory]
    [MemberData(nameof(Labels))]
    public void A_slot_reads_as_its_day_seen_from_today_and_its_time(string localStart, string today, string expected)
    {
        SlotLabels.Label(DateTimeOffset.Parse(localStart, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(expected);
    }

    [Theory]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "מחר 09:00" }, "מחר 09:00")]
    [InlineData(new[] { "מחר 09:00", "מחר 10:00" }, "מחר 09:00 או מחר 10:00")]
    [InlineData(new[] { "היום 14:00", "מחר 09:00", "יום שלישי 10:00" }, "היום 14:00, מחר 09:00 או יום שלישי 10:00")]
    public void Choices_read_as_a_hebrew_list_with_or(string[] items, string expected)
    {
        SlotLabels.JoinOr(items).Should().Be(expected);
    }

    [Theory]
    [InlineData("2026-03-15", "היום")]
    [InlineData("2026-03-16", "מחר")]
    [InlineData("2026-03-18", "ביום רביעי")]
    public void On_a_day_reads_without_a_preposition_for_today_and_tomorrow(string date, string expected)
    {
        SlotLabels.OnDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2026, 3, 15)).Should().Be(expected);
    }

    [Fact]
    public void Arguments_are_read_leniently_and_what_cannot_be_read_is_named()
    {
        using var document = JsonDocument.Parse("""{"city":"חיפה","rooms":4,"mortgage":true,"note":null,"tags":["a"],"max_results":"3"}""");
        ToolArguments.TryRead(document.RootElement, out var arguments).Should().BeTrue();

        arguments.Text("city").Should().Be("חיפה");
        arguments.Text("rooms").Should().Be("4");
        arguments.Text("mortgage").Should().Be("true");
        arguments.Text("note").Should().BeNull();
        arguments.Text("missing").Should().BeNull();
        arguments.Text("tags").Should().BeNull();
        arguments.Integer("max_results").Should().Be(3);
        arguments.RejectUnknown(["city", "rooms", "mortgage", "note", "max_results"]);
        arguments.Errors.Keys.Should().BeEquivalentTo("tags");
    }

    [Theory]
    [InlineData("""{"a":1}""", true)]
    [InlineData("""null""", true)]
    [InlineData("""[1,2]""", false)]
    [InlineData("""42""", false)]
    [InlineData("\"{\\\"a\\\":1}\"", true)]
    [InlineData("\"not json\"", false)]
    public void Arguments_are_an_object_or_that_object_as_text(string json, bool readable)
    {
        using var document = JsonDocument.Parse(json);
        ToolArguments.TryRead(document.RootElement, out _).Should().Be(readable);
    }
}
