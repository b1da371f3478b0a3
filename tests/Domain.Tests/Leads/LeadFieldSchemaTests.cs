using ProSaaS.Domain.Leads;

namespace ProSaaS.Domain.Tests.Leads;

public sealed class LeadFieldSchemaTests
{
    private static readonly LeadFieldDefinition[] Schema =
    [
        new("city", "עיר", LeadFieldType.Text),
        new("details", "פרטים", LeadFieldType.LongText),
        new("budget", "תקציב", LeadFieldType.Number),
        new("phone2", "טלפון נוסף", LeadFieldType.Phone),
        new("mail", "מייל", LeadFieldType.Email),
        new("kind", "סוג", LeadFieldType.Select, ["דירה", "Office"]),
        new("move_in", "כניסה", LeadFieldType.Date),
        new("parking", "חניה", LeadFieldType.Boolean),
    ];

    [Theory]
    [InlineData("city", "  חיפה ", "חיפה")]
    [InlineData("budget", "2,500,000 ₪", "2500000")]
    [InlineData("budget", "1500000 ש\"ח", "1500000")]
    [InlineData("budget", "3.50", "3.5")]
    [InlineData("budget", "-2", "-2")]
    [InlineData("phone2", "052-123-4567", "+972521234567")]
    [InlineData("phone2", "+972 3 555 1234", "+97235551234")]
    [InlineData("mail", "ruth@example.co.il", "ruth@example.co.il")]
    [InlineData("kind", "office", "Office")]
    [InlineData("kind", "דירה", "דירה")]
    [InlineData("move_in", "2027-03-01", "2027-03-01")]
    [InlineData("move_in", "01/03/2027", "2027-03-01")]
    [InlineData("move_in", "1/3/2027", "2027-03-01")]
    [InlineData("parking", "כן", "true")]
    [InlineData("parking", "YES", "true")]
    [InlineData("parking", "לא", "false")]
    [InlineData("parking", "0", "false")]
    public void Valid_values_are_stored_in_canonical_form(string key, string raw, string stored)
    {
        var (values, errors) = LeadFieldSchema.Normalize(Schema, new Dictionary<string, string> { [key] = raw });
        errors.Should().BeEmpty();
        values[key].Should().Be(stored);
    }

    [Theory]
    [InlineData("budget", "הרבה")]
    [InlineData("budget", "1,000,000 ומשהו")]
    [InlineData("phone2", "12345")]
    [InlineData("mail", "not-an-email")]
    [InlineData("mail", "a@b")]
    [InlineData("kind", "צוללת")]
    [InlineData("move_in", "31/02/2027")]
    [InlineData("move_in", "מחר")]
    [InlineData("parking", "אולי")]
    public void Ill_typed_values_are_reported_under_their_key_in_hebrew(string key, string raw)
    {
        var (values, errors) = LeadFieldSchema.Normalize(Schema, new Dictionary<string, string> { [key] = raw });
        values.Should().BeEmpty();
        errors.Keys.Should().Equal(key);
        errors[key].Should().MatchRegex("[א-ת]");
    }

    [Fact]
    public void Unknown_keys_are_reported_blank_values_dropped_and_lengths_bounded()
    {
        var (values, errors) = LeadFieldSchema.Normalize(Schema, new Dictionary<string, string>
        {
            ["colour"] = "כחול",
            ["city"] = "   ",
            ["details"] = new string('א', LeadFieldSchema.MaxLongTextLength),
            ["budget"] = "7",
        });
        errors.Keys.Should().Equal("colour");
        errors["colour"].Should().Contain("city");
        values.Keys.Should().BeEquivalentTo("details", "budget");

        LeadFieldSchema.Normalize(Schema, new Dictionary<string, string> { ["city"] = new string('א', LeadFieldSchema.MaxTextLength + 1) })
            .Errors.Keys.Should().Equal("city");
    }

    [Fact]
    public void A_schema_needs_unique_well_formed_keys_and_options_only_on_select_fields()
    {
        LeadFieldSchema.IsValidSchema(LeadFieldSchema.Defaults).Should().BeTrue();
        LeadFieldSchema.IsValidSchema(Schema).Should().BeTrue();
        LeadFieldSchema.IsValidSchema([]).Should().BeTrue();
        LeadFieldSchema.IsValidSchema(null).Should().BeFalse();
        LeadFieldSchema.IsValidSchema([new("city", "א", LeadFieldType.Text), new("city", "ב", LeadFieldType.Text)]).Should().BeFalse();
        LeadFieldSchema.IsValidSchema([new("City", "עיר", LeadFieldType.Text)]).Should().BeFalse();
        LeadFieldSchema.IsValidSchema([new("1city", "עיר", LeadFieldType.Text)]).Should().BeFalse();
        LeadFieldSchema.IsValidSchema([new("city", " ", LeadFieldType.Text)]).Should().BeFalse();
        LeadFieldSchema.IsValidSchema([new("kind", "סוג", LeadFieldType.Select)]).Should().BeFalse();
        LeadFieldSchema.IsValidSchema([new("kind", "סוג", LeadFieldType.Select, ["א", "א"])]).Should().BeFalse();
        LeadFieldSchema.IsValidSchema([new("city", "עיר", LeadFieldType.Text, ["א"])]).Should().BeFalse();
        LeadFieldSchema.IsValidSchema([new("city", "עיר", (LeadFieldType)42)]).Should().BeFalse();
        LeadFieldSchema.IsValidSchema(Enumerable.Range(0, LeadFieldSchema.MaxFields + 1)
            .Select(i => new LeadFieldDefinition($"f{i}", "שדה", LeadFieldType.Text)).ToList()).Should().BeFalse();
    }
}
