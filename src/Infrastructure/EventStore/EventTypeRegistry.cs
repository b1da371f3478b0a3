using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ProSaaS.Domain.Common;

namespace ProSaaS.Infrastructure.EventStore;

/// <summary>
/// Maps events to their stable aliases and back, and upcasts stored events whose alias was retired:
/// an upcaster turns the JSON of an old alias into the JSON of a newer one, and chains are followed.
/// </summary>
public sealed class EventTypeRegistry
{
    private const int MaxUpcastChain = 32;

    private readonly Dictionary<string, Type> _typesByAlias = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _aliasesByType = [];
    private readonly Dictionary<string, (string TargetAlias, Func<JsonObject, JsonObject> Transform)> _upcasters = new(StringComparer.Ordinal);

    public static JsonSerializerOptions SerializerOptions { get; } = CreateSerializerOptions();

    /// <summary>A registry of every event type declared in the Domain assembly.</summary>
    public static EventTypeRegistry ForDomain() => new EventTypeRegistry().RegisterAssembly(typeof(IDomainEvent).Assembly);

    public EventTypeRegistry RegisterAssembly(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => typeof(IDomainEvent).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }))
        {
            Register(type);
        }

        return this;
    }

    public EventTypeRegistry Register(Type eventType)
    {
        var alias = eventType.GetCustomAttribute<EventTypeAttribute>()?.Alias
                    ?? throw new InvalidOperationException($"{eventType.FullName} has no [EventType] alias.");
        if (_typesByAlias.TryGetValue(alias, out var existing) && existing != eventType)
        {
            throw new InvalidOperationException($"Event alias '{alias}' is used by both {existing.FullName} and {eventType.FullName}.");
        }

        _typesByAlias[alias] = eventType;
        _aliasesByType[eventType] = alias;
        return this;
    }

    /// <summary>Reads events stored under <paramref name="fromAlias"/> as <paramref name="toAlias"/> after transforming their JSON.</summary>
    public EventTypeRegistry AddUpcaster(string fromAlias, string toAlias, Func<JsonObject, JsonObject> transform)
    {
        if (_typesByAlias.ContainsKey(fromAlias))
        {
            throw new InvalidOperationException($"'{fromAlias}' is a live alias; only retired aliases can be upcast.");
        }

        _upcasters[fromAlias] = (toAlias, transform);
        return this;
    }

    public string AliasOf(Type eventType) =>
        _aliasesByType.TryGetValue(eventType, out var alias)
            ? alias
            : throw new InvalidOperationException($"{eventType.FullName} is not a registered event type.");

    public Type TypeOf(string alias) =>
        _typesByAlias.TryGetValue(alias, out var type) ? type : throw new UnknownEventTypeException(alias);

    /// <summary>Every stored alias that reads as <paramref name="eventType"/>: its own and those upcast into it.</summary>
    public IReadOnlyCollection<string> StoredAliasesOf(Type eventType)
    {
        var target = AliasOf(eventType);
        var aliases = new HashSet<string>(StringComparer.Ordinal) { target };
        foreach (var from in _upcasters.Keys)
        {
            if (ResolveFinalAlias(from) == target)
            {
                aliases.Add(from);
            }
        }

        return aliases;
    }

    public string Serialize(IDomainEvent @event) => JsonSerializer.Serialize(@event, @event.GetType(), SerializerOptions);

    public IDomainEvent Deserialize(string alias, string json)
    {
        if (!_upcasters.ContainsKey(alias))
        {
            return (IDomainEvent)(JsonSerializer.Deserialize(json, TypeOf(alias), SerializerOptions)
                                  ?? throw new JsonException($"Event '{alias}' has null data."));
        }

        var node = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException($"Event '{alias}' has null data.");
        var current = alias;
        for (var step = 0; _upcasters.TryGetValue(current, out var upcaster); step++)
        {
            if (step == MaxUpcastChain)
            {
                throw new InvalidOperationException($"Upcasting '{alias}' does not terminate.");
            }

            node = upcaster.Transform(node);
            current = upcaster.TargetAlias;
        }

        return (IDomainEvent)(node.Deserialize(TypeOf(current), SerializerOptions)
                              ?? throw new JsonException($"Event '{alias}' upcast to null."));
    }

    private string ResolveFinalAlias(string alias)
    {
        var current = alias;
        for (var step = 0; step < MaxUpcastChain && _upcasters.TryGetValue(current, out var upcaster); step++)
        {
            current = upcaster.TargetAlias;
        }

        return current;
    }

    private static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

public sealed class UnknownEventTypeException(string alias)
    : InvalidOperationException($"No event type is registered for alias '{alias}'.")
{
    public string Alias { get; } = alias;
}
