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
/// The JSON guard's contract modifier: each property of a mapped entity that maps a column or a relationship reads the
/// instance's state first (<see cref="Inspection.IsLoaded"/>, a bit test) and reads the property only when it is loaded,
/// so that serialization never runs a lazy load. An unloaded one is left out or raises, by the endpoint's policy, which is
/// looked up only then: a fully loaded graph pays one check per attribute and nothing else.
/// </summary>
internal sealed class JsonGuard(Func<Endpoint?> endpoint, Func<JsonGuardPolicy> appPolicy, ILogger logger)
{
    private static readonly MethodInfo MapperMethod = typeof(Inspection).GetMethod(nameof(Inspection.Mapper))!;

    // The relationship whose value is being written now, set around it by ThroughConverter. Thread-static is enough: that
    // converter writes its whole value synchronously (a converter is never suspended part way by an async serialization).
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
        foreach (var property in info.Properties)
        {
            if (property.Get is not { } get || property.AttributeProvider is not PropertyInfo member)
                continue;
            if (mapper.Columns.FirstOrDefault(c => c.PropertyName == member.Name) is { } column)
                GuardColumn(property, get, column);
            else if (mapper.Relationships.FirstOrDefault(r => r.PropertyName == member.Name) is { } relationship)
                GuardRelationship(property, get, relationship);
        }
    }

    private void GuardColumn(JsonPropertyInfo property, Func<object, object?> get, MappedColumn column)
    {
        var index = column.Index;
        var fallback = DefaultOf(property.PropertyType);
        property.Get = entity => Inspection.IsLoaded(entity, index) ? get(entity) : Unloaded(column.Mapper, column.PropertyName, column, fallback);
        var should = property.ShouldSerialize;
        property.ShouldSerialize = should is null
            ? (entity, _) => Inspection.IsLoaded(entity, index)
            : (entity, value) => Inspection.IsLoaded(entity, index) && should(entity, value);
    }

    private void GuardRelationship(JsonPropertyInfo property, Func<object, object?> get, MappedRelationship relationship)
    {
        var should = property.ShouldSerialize;
        if (relationship.Kind == RelationshipKind.WriteOnly)
        {
            // A write-only collection is never loaded: it has nothing to show.
            property.Get = static _ => null;
            property.ShouldSerialize = static (_, _) => false;
            return;
        }
        var index = relationship.Index;
        if (relationship.Back is not { } back || property.CustomConverter is not null)
        {
            property.Get = entity => Inspection.IsLoaded(entity, index) ? get(entity) : Unloaded(relationship.Mapper, relationship.PropertyName, null, null);
            property.ShouldSerialize = should is null
                ? (entity, _) => Inspection.IsLoaded(entity, index)
                : (entity, value) => Inspection.IsLoaded(entity, index) && should(entity, value);
            return;
        }
        // A back-populated pair: inside the value of one side, the other side (which leads back to the instance being
        // written) is left out, loaded or not, so the pair never loops.
        property.Get = entity => Through == back ? null
            : Inspection.IsLoaded(entity, index) ? get(entity) : Unloaded(relationship.Mapper, relationship.PropertyName, null, null);
        property.ShouldSerialize = should is null
            ? (entity, _) => Through != back && Inspection.IsLoaded(entity, index)
            : (entity, value) => Through != back && Inspection.IsLoaded(entity, index) && should(entity, value);
        property.CustomConverter = (JsonConverter)Activator.CreateInstance(typeof(ThroughConverter<>).MakeGenericType(property.PropertyType), relationship)!;
    }

    // Omit: the property's default stands in (ShouldSerialize then leaves it out); Raise: the response becomes a problem.
    private object? Unloaded(EntityMapper mapper, string attribute, MappedColumn? column, object? fallback)
    {
        var current = endpoint();
        if (PolicyOf(current, appPolicy()) == JsonGuardPolicy.Omit)
            return fallback;
        var entity = mapper.EntityType.Name;
        var variable = char.ToLowerInvariant(entity[0]).ToString();
        var controller = current?.Metadata.GetMetadata<ControllerActionDescriptor>() is not null;
        var (what, fix) = column switch
        {
            null => ("", controller
                ? $"[EagerLoad(typeof({entity}), nameof({entity}.{attribute}))] on the action"
                : $".EagerLoad<{entity}>({variable} => {variable}.{attribute}) on the endpoint"),
            { Deferred: true } => (" (deferred)", $".Options(Undefer<{entity}>({variable} => {variable}.{attribute})) on the statement that loads it"),
            _ => (" (expired)", $"await session.RefreshAsync({variable}) before returning it"),
        };
        var name = NameOf(current, controller);
        Log.JsonGuardRaised(logger, name, entity, attribute, fix);
        throw new LazyLoadException(
            $"Serializing the response of '{name}' reached {entity}.{attribute}, which is not loaded{what}; reading it would be hidden I/O, " +
            $"so nothing of the response was sent. Fix: {fix}, or .JsonGuard(JsonGuardPolicy.Omit) to leave it out of the JSON.",
            entity, attribute);
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

    private static object? DefaultOf(Type type) => type.IsValueType ? RuntimeHelpers.GetUninitializedObject(type) : null;
}

/// <summary>Writes a relationship's value with <see cref="JsonGuard.Through"/> naming it, so that the pair's other side is left out inside.</summary>
internal sealed class ThroughConverter<T>(MappedRelationship relationship) : JsonConverter<T>
{
    private JsonTypeInfo<T>? _info;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, Info(options));

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        var saved = JsonGuard.Through;
        JsonGuard.Through = relationship;
        try
        {
            JsonSerializer.Serialize(writer, value, Info(options));
        }
        finally
        {
            JsonGuard.Through = saved;
        }
    }

    private JsonTypeInfo<T> Info(JsonSerializerOptions options) => _info ??= (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
