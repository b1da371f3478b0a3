using ProSaaS.Domain.Common.PhoneNumbers;

namespace ProSaaS.Application.Calls;

/// <summary>Numbers as the provider reports them, kept in E.164.</summary>
public static class CallNumbers
{
    /// <summary>
    /// E.164, or null when the caller withheld the number (<c>anonymous</c>, <c>restricted</c>, an empty value) or the
    /// provider sent something that is not a phone number (a SIP or client address).
    /// </summary>
    public static string? Normalize(string? number) =>
        IsraeliPhoneNumber.TryNormalize(number, out var e164) ? e164 : null;
}
