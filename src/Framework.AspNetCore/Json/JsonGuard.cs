using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Framework.Orm;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Framework.AspNetCore.Json;

/// <summary>
/// The JSON guard's contract modifier, built so that a fully loaded graph costs about what plain System.Text.Json does:
/// <list type="bullet">
/// <item>Each entity gets a gate (<see cref="JsonTypeInfo.OnSerializing"/>) that asks once whether the instance has an
/// unloaded attribute at all (<see cref="Inspection.HasUnloaded"/>) and, only then, looks at its value-typed columns: an
/// unloaded one raises before any of the object is written. Those properties keep System.Text.Json's own typed getters,
/// with no hook, which is what keeps their values from being boxed.</item>
/// <item>Relationships, deferred columns and reference-typed columns have hooks of their own, typed so that nothing is
/// boxed: a getter and a ShouldSerialize that test the attribute first, so that an unloaded one is left out or raises by
/// the endpoint's policy. Value-typed columns get them only under an app-wide <see cref="JsonGuardPolicy.Omit"/>, as
/// their hooks box every value.</item>
/// <item>A back-populated pair is written through <see cref="ThroughCollectionConverter{TCollection,TItem}"/> or
/// <see cref="ThroughReferenceConverter{T}"/>, which name the relationship being written, so that inside its value the
/// other side of the pair is left out and the pair never loops.</item>
/// </list>
/// The endpoint's policy is looked up only when an attribute is missing.
/// </summary>
internal sealed class JsonGuard(Func<Endpoint?> endpoint, Func<JsonGuardPolicy> appPolicy, ILogger logger)
{
    private static readonly MethodInfo MapperMethod = typeof(Inspection).GetMethod(nameof(Inspection.Mapper))!;
    private static readonly MethodInfo HookMethod = typeof(JsonGuard).GetMethod(nameof(Hook), BindingFlags.NonPublic | BindingFlags.Instance)!;

    // The relationship whose value is being written now, set around it by the pair converters. Thread-static is enough:
    // a converter of the application's writes its whole value synchronously (System.Text.Json suspends an async
    // serialization only inside its own converters), so nothing else runs on this thread in between.
    [ThreadStatic]
    private static MappedRelationship? t_through;

    internal static MappedRelationship? Through
    {
        get => t_through;
        set => t_through = value;
    }

    public void Modify(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !typeof(IMapped).IsAssignableFrom(info.Type) || MapperOf(info.Type) is not { } mapper)
            return;
        var hookEveryColumn = appPolicy() == JsonGuardPolicy.Omit;
        List<Attribute>? gated = null;
        foreach (var property in info.Properties)
        {
            if (property.Get is null || property.AttributeProvider is not PropertyInfo member)
                continue;
            if (mapper.Columns.FirstOrDefault(c => c.PropertyName == member.Name) is { } column)
            {
                // A reference-typed value goes through a typed hook unboxed, at the cost of two delegate calls; a value-typed
                // one would be boxed twice, so it is gated, unless it may have to be left out anyway (deferred, app-wide Omit).
                var attribute = new Attribute(mapper, column.PropertyName, column, property.PropertyType);
                if (column.Deferred || hookEveryColumn || !property.PropertyType.IsValueType)
                    HookOf(property).Invoke(this, [property, column.Index, null, attribute]);
                else
                    (gated ??= []).Add(attribute);
            }
            else if (mapper.Relationships.FirstOrDefault(r => r.PropertyName == member.Name) is { } relationship)
            {
                GuardRelationship(property, relationship);
            }
        }
        if (gated is not null)
            Gate(info, [.. gated]);
    }

    private void Gate(JsonTypeInfo info, Attribute[] columns)
    {
        var then = info.OnSerializing;
        info.OnSerializing = entity =>
        {
            if (Inspection.HasUnloaded(entity))
            {
                foreach (var column in columns)
                {
                    if (!Inspection.IsLoaded(entity, column.Column!.Index))
                    {
                        var current = endpoint();
                        Raise(current, column, PolicyOf(current, appPolicy()));
                    }
                }
            }
            then?.Invoke(entity);
        };
    }

    private void GuardRelationship(JsonPropertyInfo property, MappedRelationship relationship)
    {
        if (relationship.Kind == RelationshipKind.WriteOnly)
        {
            // A write-only collection is never loaded: it has nothing to show.
            property.Get = static _ => null;
            property.ShouldSerialize = static (_, _) => false;
            return;
        }
        var back = relationship.Back;
        if (back is not null && property.CustomConverter is null)
        {
            var target = relationship.Target.EntityType;
            property.CustomConverter = (JsonConverter)Activator.CreateInstance(
                relationship.IsCollection
                    ? typeof(ThroughCollectionConverter<,>).MakeGenericType(property.PropertyType, target)
                    : typeof(ThroughReferenceConverter<>).MakeGenericType(property.PropertyType),
                relationship)!;
        }
        else
        {
            // A converter of the application's own writes the value: the pair is not followed through it.
            back = null;
        }
        HookOf(property).Invoke(this, [property, relationship.Index, back, new Attribute(relationship.Mapper, relationship.PropertyName, null, property.PropertyType)]);
    }

    private static MethodInfo HookOf(JsonPropertyInfo property) => HookMethod.MakeGenericMethod(property.PropertyType);

    /// <summary>
    /// The getter and ShouldSerialize of a property that may be left out: it reads the attribute only when it is loaded, and
    /// never inside the value of <paramref name="back"/> (the other side of its pair). Typed, so that a reference-typed
    /// property goes through System.Text.Json with no wrapper of its own; a value-typed one is boxed, which is why only
    /// deferred columns (or every column under an app-wide Omit) come here.
    /// </summary>
    private void Hook<TValue>(JsonPropertyInfo property, int index, MappedRelationship? back, Attribute attribute)
    {
        var untyped = property.Get!;
        var read = untyped as Func<object, TValue> ?? (entity => (TValue)untyped(entity)!);
        Func<object, TValue> get = back is null
            ? entity => Inspection.IsLoaded(entity, index) ? read(entity) : Unloaded<TValue>(attribute)
            : entity => Through == back ? default! : Inspection.IsLoaded(entity, index) ? read(entity) : Unloaded<TValue>(attribute);
        property.Get = get as Func<object, object?> ?? (entity => get(entity));
        var should = property.ShouldSerialize;
        property.ShouldSerialize = (back, should) switch
        {
            (null, null) => (entity, _) => Inspection.IsLoaded(entity, index),
            (null, _) => (entity, value) => Inspection.IsLoaded(entity, index) && should(entity, value),
            (_, null) => (entity, _) => Through != back && Inspection.IsLoaded(entity, index),
            _ => (entity, value) => Through != back && Inspection.IsLoaded(entity, index) && should(entity, value),
        };
    }

    // Omit: the property's default stands in (ShouldSerialize then leaves it out); Raise: the response becomes a problem.
    private TValue Unloaded<TValue>(Attribute attribute)
    {
        var current = endpoint();
        if (PolicyOf(current, appPolicy()) == JsonGuardPolicy.Omit)
            return default!;
        Raise(current, attribute, JsonGuardPolicy.Raise);
        return default!;
    }

    /// <summary>Logs and throws the guard's <see cref="LazyLoadException"/>; <paramref name="policy"/> is the one that applies to the attribute.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Raise(Endpoint? current, Attribute attribute, JsonGuardPolicy policy)
    {
        var entity = attribute.Mapper.EntityType.Name;
        var name = attribute.Name;
        var variable = char.ToLowerInvariant(entity[0]).ToString();
        var controller = current?.Metadata.GetMetadata<ControllerActionDescriptor>() is not null;
        var (what, fix) = attribute.Column switch
        {
            null => ("", controller
                ? $"[EagerLoad(typeof({entity}), nameof({entity}.{name}))] on the action"
                : $".EagerLoad<{entity}>({variable} => {variable}.{name}) on the endpoint"),
            { Deferred: true } => (" (deferred)", $".Options(Undefer<{entity}>({variable} => {variable}.{name})) on the statement that loads it"),
            _ => (" (expired)", $"await session.RefreshAsync({variable}) before returning it"),
        };
        // Under an endpoint's Omit, an expired value-typed column still raises: only an app-wide Omit gives those columns
        // the hooks that leave them out, as a hook boxes the value of every such column of every instance written.
        var omitted = policy == JsonGuardPolicy.Omit
            ? $". The endpoint's Omit leaves out relationships and deferred or reference-typed columns; a value-typed column " +
              $"({attribute.Type.Name}) is left out only under an app-wide Omit: ConfigureJsonGuard(o => o.Policy = JsonGuardPolicy.Omit)"
            : ", or .JsonGuard(JsonGuardPolicy.Omit) to leave it out of the JSON";
        var endpointName = NameOf(current, controller);
        Log.JsonGuardRaised(logger, endpointName, entity, name, fix);
        throw new LazyLoadException(
            $"Serializing the response of '{endpointName}' reached {entity}.{name}, which is not loaded{what}; reading it would be hidden I/O, " +
            $"so nothing of the response was sent. Fix: {fix}{omitted}.",
            entity, name);
    }

    // "GET /authors/{id:int}", and the action's name for a controller's.
    private static string NameOf(Endpoint? endpoint, bool controller)
    {
        if (endpoint is not RouteEndpoint route)
            return endpoint?.DisplayName ?? "(no endpoint)";
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } verbs ? string.Join(",", verbs) + " " : "";
        var name = $"{methods}/{route.RoutePattern.RawText?.TrimStart('/')}";
        return controller ? $"{name} ({endpoint.DisplayName})" : name;
    }

    internal static JsonGuardPolicy PolicyOf(Endpoint? endpoint, JsonGuardPolicy appPolicy) =>
        endpoint?.Metadata.GetMetadata<JsonGuardAttribute>()?.Policy ?? appPolicy;

    /// <summary>Puts the guard's modifier on <paramref name="options"/>' resolver (the default reflection one when none is set).</summary>
    internal void Install(JsonSerializerOptions options) =>
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Modify);

    private static EntityMapper? MapperOf(Type type)
    {
        try
        {
            return (EntityMapper?)MapperMethod.MakeGenericMethod(type).Invoke(null, null);
        }
        catch (ArgumentException)
        {
            // Not an IMapped<T> of itself (a mapped base class): it maps no attributes of its own.
            return null;
        }
    }

    /// <summary>What a message about a missing attribute names: its entity, its name, its column when it is one, and its property's type.</summary>
    private sealed record Attribute(EntityMapper Mapper, string Name, MappedColumn? Column, Type Type);
}

/// <summary>The pair converters' shared part: the relationship they name while writing its value.</summary>
internal static class PairWriter
{
    /// <summary>
    /// Runs <paramref name="write"/> with <see cref="JsonGuard.Through"/> naming <paramref name="relationship"/>. The items are
    /// written by their own converters, each from a fresh start; System.Text.Json still measures depth on the writer, so a
    /// cycle that does not go through a pair ends in its JsonException, not a stack overflow.
    /// </summary>
    public static void Write<TState>(Utf8JsonWriter writer, JsonSerializerOptions options, MappedRelationship relationship, TState state,
        Action<Utf8JsonWriter, JsonSerializerOptions, TState> write)
    {
        var saved = JsonGuard.Through;
        JsonGuard.Through = relationship;
        try
        {
            write(writer, options, state);
        }
        finally
        {
            JsonGuard.Through = saved;
        }
    }
}

/// <summary>Writes the collection side of a back-populated pair item by item, with the pair's other side left out inside.</summary>
internal sealed class ThroughCollectionConverter<TCollection, TItem>(MappedRelationship relationship) : JsonConverter<TCollection>
    where TCollection : IEnumerable<TItem>
{
    private JsonConverter<TItem>? _item;
    private JsonTypeInfo<TCollection>? _info;

    public override TCollection? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, _info ??= (JsonTypeInfo<TCollection>)options.GetTypeInfo(typeof(TCollection)));

    public override void Write(Utf8JsonWriter writer, TCollection value, JsonSerializerOptions options)
    {
        var item = _item ??= (JsonConverter<TItem>)options.GetConverter(typeof(TItem));
        PairWriter.Write(writer, options, relationship, (Items: value, Converter: item), static (writer, options, state) =>
        {
            var (items, converter) = (state.Items, state.Converter);
            writer.WriteStartArray();
            if (items is IList<TItem> list)
            {
                for (var i = 0; i < list.Count; i++)
                    converter.Write(writer, list[i], options);
            }
            else
            {
                foreach (var each in items)
                    converter.Write(writer, each, options);
            }
            writer.WriteEndArray();
        });
    }
}

/// <summary>Writes the reference side of a back-populated pair, with the pair's other side left out inside.</summary>
internal sealed class ThroughReferenceConverter<T>(MappedRelationship relationship) : JsonConverter<T>
{
    private JsonConverter<T>? _converter;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Converter(options).Read(ref reader, typeToConvert, options);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        PairWriter.Write(writer, options, relationship, (Value: value, Converter: Converter(options)),
            static (writer, options, state) => state.Converter.Write(writer, state.Value, options));

    private JsonConverter<T> Converter(JsonSerializerOptions options) => _converter ??= (JsonConverter<T>)options.GetConverter(typeof(T));
}
