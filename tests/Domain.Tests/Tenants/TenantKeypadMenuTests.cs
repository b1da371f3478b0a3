using ProSaaS.Domain.Calls.Conversation;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Domain.Tests.Tenants;

/// <summary>The keypad menu in a business's settings: none by default, the menu's rules plus ten keys at most and Hebrew labels.</summary>
public sealed class TenantKeypadMenuTests
{
    private static KeypadMenuEntry Entry(char key, KeypadAction action = KeypadAction.Repeat, string? label = null, string? text = null) =>
        new(key, action, label, text);

    public static TheoryData<string, KeypadMenuEntry?[]?, string[]> Menus => new()
    {
        { "no menu", [], [] },
        { "the suggested menu", [.. KeypadMenu.Suggested.Entries], [] },
        { "ten keys", [.. "0123456789".Select(k => Entry(k))], [] },
        { "a Hebrew label with digits and an English word", [Entry('3', KeypadAction.CustomText, "לשעות הפתיחה 24/7 online", "פתוחים תמיד.")], [] },
        { "a missing menu", null, ["keypad.required"] },
        { "eleven keys", [.. "0123456789*".Select(k => Entry(k))], ["keypad.too_many"] },
        { "an English label", [Entry('1', KeypadAction.Sales, "Sales")], ["keypad.label_not_hebrew"] },
        { "a label of digits only", [Entry('1', KeypadAction.Sales, "1-800")], ["keypad.label_not_hebrew"] },
        { "the menu's own rules", [Entry('1'), Entry('1'), Entry('x')], ["keypad.key_duplicate", "keypad.key_invalid"] },
        { "twelve keys, one English label", [.. "0123456789*#".Select(k => Entry(k, label: k == '#' ? "again" : null))], ["keypad.too_many", "keypad.label_not_hebrew"] },
    };

    [Theory]
    [MemberData(nameof(Menus))]
    public void A_menu_breaks_these_rules(string because, KeypadMenuEntry?[]? entries, string[] codes)
    {
        var errors = TenantSettingsRules.KeypadMenuErrors(entries);

        errors.Select(e => e.Code).Should().Equal(codes, because);
        errors.Where(e => !e.Message.Any(c => c >= 'א' && c <= 'ת')).Should().BeEmpty("every message is in Hebrew");
    }

    [Fact]
    public void A_business_has_no_menu_until_it_sets_one_and_a_change_of_menu_is_named()
    {
        TenantSettings.Default.KeypadMenu.Should().BeEmpty();

        var withMenu = TenantSettings.Default with { KeypadMenu = [.. KeypadMenu.Suggested.Entries] };

        withMenu.ChangedSince(TenantSettings.Default).Should().Equal("keypadMenu");
        (withMenu with { KeypadMenu = [.. KeypadMenu.Suggested.Entries] }).ChangedSince(withMenu).Should().BeEmpty();
        TenantSettingsRules.EnsureValid(withMenu);
    }

    [Fact]
    public void The_settings_guard_refuses_a_broken_menu_with_its_first_message()
    {
        var broken = TenantSettings.Default with { KeypadMenu = [Entry('1', KeypadAction.Sales, "Sales")] };

        var guard = () => TenantSettingsRules.EnsureValid(broken);

        guard.Should().Throw<DomainException>().Which.Code.Should().Be("tenant.settings.keypad_menu_invalid");
    }
}
