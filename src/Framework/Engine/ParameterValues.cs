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

    /// <summary>The values of <paramref name="compiled"/>'s parameters, in binding order.</summary>
    public static object?[] Collect(Compiled compiled, object? parameters)
    {
        var names = compiled.Names;
        if (names.Length == 0)
            return [];
        if (parameters is null)
            throw Missing(names[0], compiled);
        var values = new object?[names.Length];
        switch (parameters)
        {
            case IReadOnlyDictionary<string, object?> map:
                for (var i = 0; i < names.Length; i++)
                    values[i] = map.TryGetValue(names[i], out var value) ? value : throw Missing(names[i], compiled);
                break;
            case IDictionary map:
                for (var i = 0; i < names.Length; i++)
                    values[i] = map.Contains(names[i]) ? map[names[i]] : throw Missing(names[i], compiled);
                break;
            default:
                var readers = Readers.GetOrAdd(parameters.GetType(), Build);
                for (var i = 0; i < names.Length; i++)
                    values[i] = readers.TryGetValue(names[i], out var read) ? read(parameters) : throw Missing(names[i], compiled);
                break;
        }
        return values;
    }

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
