using ProSaaS.Domain.Common.PhoneNumbers;

namespace ProSaaS.Domain.Tests.PhoneNumbers;

public class IsraeliPhoneNumberTests
{
    public static TheoryData<string, string> MobileNumbers => new()
    {
        { "0521234567", "+972521234567" },
        { "052-1234567", "+972521234567" },
        { "052-123-4567", "+972521234567" },
        { "052 123 4567", "+972521234567" },
        { "052.123.4567", "+972521234567" },
        { "(052) 123-4567", "+972521234567" },
        { "(0)52-123-4567", "+972521234567" },
        { "521234567", "+972521234567" },
        { "52-123-4567", "+972521234567" },
        { "972521234567", "+972521234567" },
        { "9720521234567", "+972521234567" },
        { "+972521234567", "+972521234567" },
        { "+972 52 123 4567", "+972521234567" },
        { "+972-52-123-4567", "+972521234567" },
        { "+972.52.123.4567", "+972521234567" },
        { "+972 (52) 123-4567", "+972521234567" },
        { "(+972) 52 123 4567", "+972521234567" },
        { "+972 (0)52 123 4567", "+972521234567" },
        { "+972(0)521234567", "+972521234567" },
        { "972 (0)52-123-4567", "+972521234567" },
        { "+9720521234567", "+972521234567" },
        { "+972 052-123-4567", "+972521234567" },
        { "00972521234567", "+972521234567" },
        { "00 972 52 123 4567", "+972521234567" },
        { "00972-52-1234567", "+972521234567" },
        { "009720521234567", "+972521234567" },
        { "  0521234567  ", "+972521234567" },
        { "\t052-1234567\r\n", "+972521234567" },
        { "0501234567", "+972501234567" },
        { "053-1234567", "+972531234567" },
        { "054-7654321", "+972547654321" },
        { "055 555 5555", "+972555555555" },
        { "058-9876543", "+972589876543" },
        { "+972 59 123 4567", "+972591234567" },
    };

    public static TheoryData<string, string> LandlineNumbers => new()
    {
        { "02-6234567", "+97226234567" },
        { "026234567", "+97226234567" },
        { "03-1234567", "+97231234567" },
        { "03 123 4567", "+97231234567" },
        { "(03) 123-4567", "+97231234567" },
        { "31234567", "+97231234567" },
        { "3-123-4567", "+97231234567" },
        { "04-8123456", "+97248123456" },
        { "04 812 3456", "+97248123456" },
        { "08.9123456", "+97289123456" },
        { "08-6123456", "+97286123456" },
        { "09-7654321", "+97297654321" },
        { "97654321", "+97297654321" },
        { "+972 2 623 4567", "+97226234567" },
        { "+972-3-1234567", "+97231234567" },
        { "+972 (0)3 123-4567", "+97231234567" },
        { "97231234567", "+97231234567" },
        { "009722 623 4567", "+97226234567" },
        { "+97248123456", "+97248123456" },
    };

    public static TheoryData<string, string> VoipNumbers => new()
    {
        { "072-2345678", "+972722345678" },
        { "0722345678", "+972722345678" },
        { "073 123 4567", "+972731234567" },
        { "0741234567", "+972741234567" },
        { "077-1234567", "+972771234567" },
        { "079-1234567", "+972791234567" },
        { "771234567", "+972771234567" },
        { "+972 73 123 4567", "+972731234567" },
        { "00972-77-1234567", "+972771234567" },
    };

    public static TheoryData<string, string> SpecialServiceNumbers => new()
    {
        { "1-800-123-456", "+9721800123456" },
        { "1800123456", "+9721800123456" },
        { "1-800-12-34-56", "+9721800123456" },
        { "1 800 123 456", "+9721800123456" },
        { "+972 1 800 123 456", "+9721800123456" },
        { "+972-1-800-123-456", "+9721800123456" },
        { "972 1800 123 456", "+9721800123456" },
        { "00972 1800 123456", "+9721800123456" },
        { "1-700-50-50-50", "+9721700505050" },
        { "1700-505-050", "+9721700505050" },
        { "+972 1 700 505 050", "+9721700505050" },
    };

    public static TheoryData<string, string> ForeignNumbers => new()
    {
        { "+1 (415) 555-0123", "+14155550123" },
        { "+14155550123", "+14155550123" },
        { "001 415 555 0123", "+14155550123" },
        { "+44 20 7946 0958", "+442079460958" },
        { "+44 (0)20 7946 0958", "+442079460958" },
        { "0044 (0)20 7946 0958", "+442079460958" },
        { "+1 (0) 415 555 0123", "+14155550123" },
        { "0044 20 7946 0958", "+442079460958" },
        { "+33 1 23 45 67 89", "+33123456789" },
        { "+49 30 12345678", "+493012345678" },
        { "+970 59 123 4567", "+970591234567" },
        { "+7 (495) 123-45-67", "+74951234567" },
        { "+688 20123", "+68820123" },
        { "+491234567890123", "+491234567890123" },
        { "\u200E+1 415-555-0123\u200E", "+14155550123" },
    };

    public static TheoryData<string, string> NumbersWithInvisibleCharacters => new()
    {
        { "\u200E052-1234567\u200E", "+972521234567" },
        { "\u200F052-1234567", "+972521234567" },
        { "052-1234567\u200F", "+972521234567" },
        { "\u200F+972 52 123 4567\u200F", "+972521234567" },
        { "\u202A052-123-4567\u202C", "+972521234567" },
        { "\u202B+972-52-123-4567\u202C", "+972521234567" },
        { "\u202D0521234567\u202C", "+972521234567" },
        { "\u202E0521234567\u202C", "+972521234567" },
        { "\u2066+972-52-123-4567\u2069", "+972521234567" },
        { "\u2067052-1234567\u2069", "+972521234567" },
        { "\u2068052 123 4567\u2069", "+972521234567" },
        { "\u202B\u200F050\u200F-\u200F1234567\u202C", "+972501234567" },
        { "0\u200E5\u200F2\u202A1\u202B2\u202C3\u202D4\u202E5\u20666\u20677\u2068\u2069", "+972521234567" },
        { "\u200E+972\u00A052\u00A0123\u00A04567\u200E", "+972521234567" },
        { "052\u00A0123\u00A04567", "+972521234567" },
        { "052\u202F123\u20074567", "+972521234567" },
        { "\u00A0\u00A003-1234567\u00A0", "+97231234567" },
        { "\uFEFF0521234567", "+972521234567" },
        { "052\u200B1234567", "+972521234567" },
        { "052\u2013123\u20134567", "+972521234567" },
        { "052\u2011123\u20114567", "+972521234567" },
        { "052\u05BE1234567", "+972521234567" },
        { "\u061C052-1234567", "+972521234567" },
        { "\u2067\u200F(+972) 3\u2013123\u20134567\u200F\u2069", "+97231234567" },
    };

    public static TheoryData<string> InvalidNumbers => new()
    {
        // empty and separators only
        "",
        " ",
        "\t\r\n",
        "\u200E\u200F",
        "\u202B\u202C",
        "-",
        "+",
        "()",
        "(0)",
        "00",

        // letters and other symbols
        "abc",
        "phone",
        "052-123-456a",
        "05212345x7",
        "052-1234567 ext 12",
        "טלפון 0521234567",
        "052-1234567 נייד",
        "052#1234567",
        "052*1234567",
        "*2700",
        "052/1234567",
        "052_1234567",
        "0521234567;",

        // non-ASCII digits
        "\u0660\u0665\u0662\u0661\u0662\u0663\u0664\u0665\u0666\u0667",
        "\uFF10\uFF15\uFF12\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17",

        // too short
        "0",
        "5",
        "12345",
        "052123456",
        "52123456",
        "03-123456",
        "3123456",
        "072-123456",
        "1-800-123-45",
        "+97252123456",
        "+972 3 123 456",
        "972521234",

        // too long
        "05212345678",
        "052-1234-5678",
        "03-12345678",
        "0722345678901",
        "1-800-123-4567",
        "+9725212345678",
        "+972 3 1234 5678",
        "0521234567890123456789",
        "+1234567890123456",
        "001234567890123456",

        // prefixes that are not Israeli subscriber numbers
        "0112345678",
        "01-2345678",
        "012-3456789",
        "0612345678",
        "06-1234567",
        "061234567",
        "612345678",
        "61234567",
        "+972 6 123 4567",
        "+972 1 123 4567",
        "+972 0 0521234567",
        "1-900-123-456",
        "1-801-123-456",
        "1-599-123-456",
        "1-212-1234",
        "01800123456",
        "+972 (0)1800 123 456",
        "972 0 1700 505050",
        "1800-123-456-7",

        // foreign numbers outside E.164 bounds or with an impossible country code
        "+1234567",
        "0044 2079",
        "+12345678901234567",
        "+0123456789",
        "+00972521234567",
        "0000123456789",
        "+ 0 44 20 7946 0958",

        // "(0)" anywhere but right after a country code
        "03 (0) 1234567",
        "052 (0) 1234567",
        "+972 5(0)2 123 4567",
        "+972 (0)(0)52 123 4567",
        "+972 (0)0521234567",
        "+4420 (0) 7946 0958",
        "0(0)0 44 20 7946 0958",
        "00(0)44 20 7946 0958",

        // misplaced plus signs
        "++972521234567",
        "+972+521234567",
        "052+1234567",
        "0521234567+",
        "00+972521234567",

        // unbalanced or nested parentheses
        "(052 123 4567",
        "052) 123 4567",
        ")052( 1234567",
        "((052)) 1234567",
        "+972 (0 52 123 4567",
    };

    public static TheoryData<string> CanonicalNumbers => new()
    {
        "+972521234567",
        "+972501234567",
        "+97226234567",
        "+97231234567",
        "+97248123456",
        "+97289123456",
        "+97297654321",
        "+972722345678",
        "+9721800123456",
        "+9721700505050",
        "+14155550123",
        "+442079460958",
        "+970591234567",
        "+68820123",
        "+491234567890123",
    };

    [Theory]
    [MemberData(nameof(MobileNumbers))]
    [MemberData(nameof(LandlineNumbers))]
    [MemberData(nameof(VoipNumbers))]
    [MemberData(nameof(SpecialServiceNumbers))]
    [MemberData(nameof(ForeignNumbers))]
    [MemberData(nameof(NumbersWithInvisibleCharacters))]
    public void TryNormalize_accepts_every_common_form(string input, string expected)
    {
        IsraeliPhoneNumber.TryNormalize(input, out string e164).Should().BeTrue();

        e164.Should().Be(expected);
    }

    [Theory]
    [MemberData(nameof(MobileNumbers))]
    [MemberData(nameof(LandlineNumbers))]
    [MemberData(nameof(VoipNumbers))]
    [MemberData(nameof(SpecialServiceNumbers))]
    [MemberData(nameof(ForeignNumbers))]
    [MemberData(nameof(NumbersWithInvisibleCharacters))]
    public void Normalize_returns_E164_for_every_common_form(string input, string expected)
    {
        IsraeliPhoneNumber.Normalize(input).Should().Be(expected);
    }

    [Theory]
    [MemberData(nameof(MobileNumbers))]
    [MemberData(nameof(LandlineNumbers))]
    [MemberData(nameof(VoipNumbers))]
    [MemberData(nameof(SpecialServiceNumbers))]
    [MemberData(nameof(ForeignNumbers))]
    [MemberData(nameof(NumbersWithInvisibleCharacters))]
    public void Normalizing_a_normalized_number_changes_nothing(string input, string expected)
    {
        string once = IsraeliPhoneNumber.Normalize(input);

        string twice = IsraeliPhoneNumber.Normalize(once);

        twice.Should().Be(expected).And.BeSameAs(once);
    }

    [Theory]
    [MemberData(nameof(CanonicalNumbers))]
    public void An_already_normalized_number_is_returned_as_the_same_instance(string e164)
    {
        IsraeliPhoneNumber.TryNormalize(e164, out string normalized).Should().BeTrue();

        normalized.Should().BeSameAs(e164);
    }

    [Fact]
    public void Checking_an_already_normalized_number_allocates_nothing()
    {
        const string e164 = "+972521234567";
        IsraeliPhoneNumber.TryNormalize(e164, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool normalized = IsraeliPhoneNumber.TryNormalize(e164, out _);
        bool mobile = IsraeliPhoneNumber.IsMobile(e164);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        normalized.Should().BeTrue();
        mobile.Should().BeTrue();
        allocated.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(InvalidNumbers))]
    public void TryNormalize_rejects_invalid_input(string input)
    {
        IsraeliPhoneNumber.TryNormalize(input, out string e164).Should().BeFalse();

        e164.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(InvalidNumbers))]
    public void Normalize_throws_a_bilingual_error_for_invalid_input(string input)
    {
        Action normalize = () => IsraeliPhoneNumber.Normalize(input);

        normalize.Should().ThrowExactly<ArgumentException>()
            .WithParameterName("input")
            .Which.Message.Should().Contain("מספר טלפון לא תקין").And.Contain("Invalid phone number");
    }

    [Fact]
    public void TryNormalize_rejects_null()
    {
        IsraeliPhoneNumber.TryNormalize(null, out string e164).Should().BeFalse();

        e164.Should().BeEmpty();
    }

    [Fact]
    public void Normalize_throws_a_bilingual_error_for_null()
    {
        Action normalize = () => IsraeliPhoneNumber.Normalize(null!);

        normalize.Should().ThrowExactly<ArgumentNullException>()
            .WithParameterName("input")
            .Which.Message.Should().Contain("מספר טלפון חסר").And.Contain("Phone number is missing");
    }

    [Fact]
    public void Normalize_echoes_the_offending_input()
    {
        Action normalize = () => IsraeliPhoneNumber.Normalize("06-1234567");

        normalize.Should().Throw<ArgumentException>().Which.Message.Should().Contain("'06-1234567'");
    }

    [Fact]
    public void Normalize_does_not_echo_an_unbounded_input()
    {
        string huge = new('x', 10_000);

        Action normalize = () => IsraeliPhoneNumber.Normalize(huge);

        normalize.Should().Throw<ArgumentException>().Which.Message.Length.Should().BeLessThan(300);
    }

    [Fact]
    public void A_long_run_of_separators_around_a_valid_number_is_still_a_valid_number()
    {
        string padded = new string(' ', 1_000) + "052-1234567" + new string('\u200F', 1_000);

        IsraeliPhoneNumber.Normalize(padded).Should().Be("+972521234567");
    }

    [Theory]
    [InlineData("+972521234567")]
    [InlineData("+972501234567")]
    [InlineData("+972531234567")]
    [InlineData("+972547654321")]
    [InlineData("+972555555555")]
    [InlineData("+972589876543")]
    [InlineData("+972591234567")]
    [InlineData("052-123-4567")]
    [InlineData("\u200F+972 (0)58 765 4321\u200F")]
    [InlineData("00972 50 123 4567")]
    public void IsMobile_is_true_for_Israeli_mobile_numbers(string number)
    {
        IsraeliPhoneNumber.IsMobile(number).Should().BeTrue();
    }

    [Theory]
    [InlineData("+97226234567")]
    [InlineData("+97231234567")]
    [InlineData("+97295912345")] // 09-5912345 is a landline, not 059
    [InlineData("+972722345678")]
    [InlineData("+972771234567")]
    [InlineData("+9721800123456")]
    [InlineData("+9721700505050")]
    [InlineData("+970591234567")]
    [InlineData("+14155550123")]
    [InlineData("+442079460958")]
    [InlineData("+97252123456")]
    [InlineData("+9725212345678")]
    [InlineData("0612345678")]
    [InlineData("not a number")]
    [InlineData("")]
    public void IsMobile_is_false_for_everything_else(string number)
    {
        IsraeliPhoneNumber.IsMobile(number).Should().BeFalse();
    }
}
