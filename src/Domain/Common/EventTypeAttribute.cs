namespace ProSaaS.Domain.Common;

/// <summary>
/// The stable alias an event is stored under. Renaming or moving the CLR type never changes it,
/// so stored events stay readable; a changed shape gets a new alias and an upcaster from the old one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string alias) : Attribute
{
    public string Alias { get; } = alias;
}

/// <summary>The alias an aggregate's streams are recorded under in the stream table.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StreamTypeAttribute(string alias) : Attribute
{
    public string Alias { get; } = alias;
}
