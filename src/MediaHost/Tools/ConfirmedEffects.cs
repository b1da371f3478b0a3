using ProSaaS.Hosting.Calls;

namespace ProSaaS.MediaHost.Tools;

/// <summary>
/// What the Api has confirmed during one call, from its answers to the AI's tool calls: the lead saved, the details saved
/// (by key), the appointments booked, the callback requested, the end asked for. The assistant may tell the caller these
/// and nothing else (<see cref="ClaimCheck"/>). A refused answer confirms nothing. Thread-safe: answers arrive while the
/// call's behaviour reads it.
/// </summary>
public sealed class ConfirmedEffects
{
    private readonly object _gate = new();
    private readonly HashSet<string> _fields = new(StringComparer.Ordinal);
    private readonly List<Guid> _appointments = [];
    private readonly List<Guid> _tasks = [];
    private Guid? _leadId;
    private string? _endCall;

    /// <summary>Keeps what <paramref name="answer"/> confirmed (nothing when it was refused).</summary>
    public void Record(CallToolAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!answer.Ok || answer.Effects is not { } effects)
        {
            return;
        }

        lock (_gate)
        {
            _leadId = effects.LeadId ?? _leadId;
            foreach (var field in effects.FieldsSaved ?? [])
            {
                _fields.Add(field);
            }

            if (effects.AppointmentId is { } appointment && !_appointments.Contains(appointment))
            {
                _appointments.Add(appointment);
            }

            if (effects.TaskId is { } task && !_tasks.Contains(task))
            {
                _tasks.Add(task);
            }

            _endCall ??= effects.EndCall;
        }
    }

    /// <summary>The lead the call's details were saved to (or the call was linked to); null before.</summary>
    public Guid? LeadId
    {
        get
        {
            lock (_gate)
            {
                return _leadId;
            }
        }
    }

    /// <summary>An appointment was booked (or found booked) for the caller.</summary>
    public bool HasBooking
    {
        get
        {
            lock (_gate)
            {
                return _appointments.Count > 0;
            }
        }
    }

    public IReadOnlyList<Guid> Appointments
    {
        get
        {
            lock (_gate)
            {
                return [.. _appointments];
            }
        }
    }

    /// <summary>The lead fields saved so far, by key (<c>name</c>, <c>phone</c>, the business's keys).</summary>
    public IReadOnlySet<string> SavedFields
    {
        get
        {
            lock (_gate)
            {
                return new HashSet<string>(_fields, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>A person of the business was asked to call the caller back (a callback task exists).</summary>
    public bool HasCallback
    {
        get
        {
            lock (_gate)
            {
                return _tasks.Count > 0;
            }
        }
    }

    /// <summary>The end reason the AI asked for (<c>end_call</c>); null while it has not.</summary>
    public string? EndCall
    {
        get
        {
            lock (_gate)
            {
                return _endCall;
            }
        }
    }
}
