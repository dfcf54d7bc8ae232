using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Framework.Sql;

namespace Framework;

/// <summary>
/// Reads bind parameter values, by name, from what a caller passed: an anonymous object or any object with
/// public properties, or a dictionary. Property readers are compiled once per type.
/// </summary>
internal static class ParameterValues
{
    private static readonly ConcurrentDictionary<Type, Dictionary<string, Func<object, object?>>> Readers = new();

    /// <summary>
    /// The values of <paramref name="compiled"/>'s parameters, in binding order: those bound in the statement itself
    /// (<c>col == 5</c>), and by name from <paramref name="parameters"/> for the rest (<c>:name</c>).
    /// </summary>
    public static object?[] Collect(Compiled compiled, object? parameters)
    {
        var names = compiled.Names;
        if (names.Length == 0)
            return [];
        var binds = compiled.Binds;
        // An object's property readers are found once per call, not once per name.
        var readers = parameters is null or IReadOnlyDictionary<string, object?> or IDictionary ? null : Readers.GetOrAdd(parameters.GetType(), Build);
        var values = new object?[names.Length];
        for (var i = 0; i < values.Length; i++)
            values[i] = binds?[i] is { } bound ? bound.Value : Lookup(parameters, readers, names[i], compiled);
        return values;
    }

    /// <summary>The names a parameter object or dictionary offers (an INSERT without values takes its columns from them).</summary>
    public static IEnumerable<string> Keys(object parameters) => parameters switch
    {
        IReadOnlyDictionary<string, object?> map => map.Keys,
        IDictionary map => map.Keys.Cast<object>().Select(k => k.ToString() ?? ""),
        _ => Readers.GetOrAdd(parameters.GetType(), Build).Keys,
    };

    private static object? Lookup(object? parameters, Dictionary<string, Func<object, object?>>? readers, string name, Compiled compiled) => parameters switch
    {
        null => throw Missing(name, compiled),
        IReadOnlyDictionary<string, object?> map => map.TryGetValue(name, out var value) ? value : throw Missing(name, compiled),
        IDictionary map => map.Contains(name) ? map[name] : throw Missing(name, compiled),
        _ => readers!.TryGetValue(name, out var read) ? read(parameters) : throw Missing(name, compiled),
    };

    /// <summary>The values of every parameter set of an executemany, in binding order.</summary>
    public static object?[][] CollectMany(Compiled compiled, IReadOnlyList<object> many)
    {
        var sets = new object?[many.Count][];
        for (var i = 0; i < sets.Length; i++)
            sets[i] = Collect(compiled, many[i]);
        return sets;
    }

    private static ArgumentException Missing(string name, Compiled compiled) => new(
        $"A value is required for bind parameter '{name}' in: {compiled.Sql}. Pass it as new {{ {name} = ... }} or in a dictionary keyed \"{name}\".",
        "parameters");

    private static Dictionary<string, Func<object, object?>> Build(Type type)
    {
        if (type.IsPrimitive || type == typeof(string) || type.IsArray)
        {
            throw new ArgumentException(
                $"Parameters must be an object with a property per parameter (new {{ id = 5 }}) or a dictionary, not a {type.Name}.", "parameters");
        }
        var readers = new Dictionary<string, Func<object, object?>>(StringComparer.Ordinal);
        var instance = Expression.Parameter(typeof(object), "instance");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
                continue;
            var read = Expression.Convert(Expression.Property(Expression.Convert(instance, type), property), typeof(object));
            readers[property.Name] = Expression.Lambda<Func<object, object?>>(read, instance).Compile();
        }
        return readers;
    }
}
