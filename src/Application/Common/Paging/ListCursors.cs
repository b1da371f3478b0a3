using System.Globalization;
using System.Text;

namespace ProSaaS.Application.Common.Paging;

/// <summary>
/// The opaque <c>next</c> value of a page: the sort key of the last item returned and its id, base64url-encoded.
/// Each kind of order has its own cursor type and a one-letter tag, so a cursor of one order is refused by another.
/// </summary>
public static class CursorText
{
    public const int MaxLength = 120;

    public static string Encode(string raw) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? value, out string raw)
    {
        raw = "";
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength)
        {
            return false;
        }

        try
        {
            var base64 = value.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            raw = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A cursor of a moment and an id ("ticks:id"), the form the lists ordered by a time use.</summary>
    public static string EncodeMoment(DateTimeOffset at, Guid id) => Encode($"{Ticks(at)}:{id:N}");

    public static bool TryDecodeMoment(string? value, out DateTimeOffset at, out Guid id)
    {
        at = default;
        id = default;
        return TryDecode(value, out var raw)
               && raw.Split(':') is [var ticks, var guid]
               && TryParseTicks(ticks, out at)
               && Guid.TryParseExact(guid, "N", out id);
    }

    internal static bool TryParseTicks(string text, out DateTimeOffset instant)
    {
        instant = default;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks > 0 && ticks < DateTime.MaxValue.Ticks)
        {
            instant = new DateTimeOffset(ticks, TimeSpan.Zero);
            return true;
        }

        return false;
    }

    internal static string Ticks(DateTimeOffset instant) => instant.UtcTicks.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Position in an order by due time (earliest first, items without one last), then id.</summary>
public sealed record DueCursor(DateTimeOffset? DueAt, Guid Id)
{
    public string Encode() => CursorText.Encode($"d:{(DueAt is { } due ? CursorText.Ticks(due) : "-")}:{Id:N}");

    public static bool TryDecode(string? value, out DueCursor? cursor)
    {
        cursor = null;
        if (!CursorText.TryDecode(value, out var raw))
        {
            return false;
        }

        var parts = raw.Split(':');
        if (parts is not ["d", var due, var id] || !Guid.TryParseExact(id, "N", out var guid))
        {
            return false;
        }

        if (due == "-")
        {
            cursor = new DueCursor(null, guid);
            return true;
        }

        if (CursorText.TryParseTicks(due, out var instant))
        {
            cursor = new DueCursor(instant, guid);
            return true;
        }

        return false;
    }
}

/// <summary>Position in a board column's order (position, then id).</summary>
public sealed record PositionCursor(double Position, Guid Id)
{
    public string Encode() => CursorText.Encode($"p:{Position.ToString("R", CultureInfo.InvariantCulture)}:{Id:N}");

    public static bool TryDecode(string? value, out PositionCursor? cursor)
    {
        cursor = null;
        if (!CursorText.TryDecode(value, out var raw))
        {
            return false;
        }

        var parts = raw.Split(':');
        if (parts is ["p", var position, var id]
            && double.TryParse(position, NumberStyles.Float, CultureInfo.InvariantCulture, out var value2) && double.IsFinite(value2)
            && Guid.TryParseExact(id, "N", out var guid))
        {
            cursor = new PositionCursor(value2, guid);
            return true;
        }

        return false;
    }
}

/// <summary>Position in a newest-first order by a moment, then id.</summary>
public sealed record NewestCursor(DateTimeOffset At, Guid Id)
{
    public string Encode() => CursorText.Encode($"n:{CursorText.Ticks(At)}:{Id:N}");

    public static bool TryDecode(string? value, out NewestCursor? cursor)
    {
        cursor = null;
        if (!CursorText.TryDecode(value, out var raw))
        {
            return false;
        }

        var parts = raw.Split(':');
        if (parts is ["n", var at, var id] && CursorText.TryParseTicks(at, out var instant) && Guid.TryParseExact(id, "N", out var guid))
        {
            cursor = new NewestCursor(instant, guid);
            return true;
        }

        return false;
    }
}

/// <summary>Page sizes shared by the lists of reminders, tasks and notifications.</summary>
public static class PageLimits
{
    public const int Default = 25;
    public const int Max = 100;
}
