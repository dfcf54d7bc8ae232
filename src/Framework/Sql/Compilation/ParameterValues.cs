using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Framework.Sql;

/// <summary>
/// Reads bind parameter values, by name, from what a caller passed: an anonymous object or any object with
/// public properties, or a dictionary. Property readers are compiled once per type.
/// </summary>
internal static class ParameterValues
{
    private static readonly ConcurrentDictionary<Type, Dictionary<string, Func<object, object?>>> Readers = new();

    /// <summary>
    /// The values of <paramref name="compiled"/>'s parameters, in binding order: the statement's own
    /// (<paramref name="binds"/>, as <c>col == 5</c> bound them), by name from <paramref name="parameters"/> for the
    /// rest (<c>:name</c>), and client-side defaults computed now.
    /// </summary>
    public static object?[] Collect(Compiled compiled, BindParameter[] binds, object? parameters) => Collect(compiled, binds, parameters, null, 0);

    /// <summary>
    /// The same for an insertmanyvalues page: a parameter of row <c>r</c> reads set <paramref name="offset"/> + r of <paramref name="sets"/>.
    /// </summary>
    public static object?[] Collect(Compiled compiled, BindParameter[] binds, IReadOnlyList<object> sets, int offset) =>
        Collect(compiled, binds, null, sets, offset);

    // One parameter object (sets null), or the sets of a page from offset on.
    private static object?[] Collect(Compiled compiled, BindParameter[] binds, object? single, IReadOnlyList<object>? sets, int offset)
    {
        var names = compiled.Names;
        if (names.Length == 0)
            return [];
        var slots = compiled.Slots;
        var rows = compiled.Rows;
        var overridable = compiled.Overridable;
        var lists = compiled.Lists;
        (object? Source, IList? Values) lastList = default;
        // An object's property readers are found once per set, not once per name.
        object? parameters = null;
        Dictionary<string, Func<object, object?>>? readers = null;
        Type? readersType = null;
        var readersRow = -1;
        var values = new object?[names.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var slot = slots?[i] ?? -1;
            if (lists?[i] is { } list)
            {
                values[i] = ListElement(compiled, binds, i, slot, list, sets is null ? single : sets[offset], ref lastList);
                continue;
            }
            if (slot >= 0 && overridable?[i] != true)
            {
                values[i] = binds[slot].Value;
                continue;
            }
            if (slot < -1)
            {
                values[i] = compiled.Defaults![-2 - slot].DefaultProducer!();
                continue;
            }
            var row = rows?[i] ?? 0;
            if (row != readersRow)
            {
                parameters = sets is null ? single : sets[offset + row];
                // The rows of a page are mostly of one type: look its readers up again only when the type changes.
                if (parameters is null or IReadOnlyDictionary<string, object?> or IDictionary)
                {
                    readers = null;
                    readersType = null;
                }
                else if (parameters.GetType() != readersType)
                {
                    readersType = parameters.GetType();
                    readers = Readers.GetOrAdd(readersType, Build);
                }
                readersRow = row;
            }
            if (TryLookup(parameters, readers, names[i], out var value))
                values[i] = value;
            else
                values[i] = slot >= 0 ? binds[slot].Value : throw Missing(names[i], compiled);
        }
        return values;
    }

    /// <summary>The names a parameter object or dictionary offers (an INSERT without values takes its columns from them).</summary>
    public static IEnumerable<string> Keys(object parameters) => parameters switch
    {
        IReadOnlyDictionary<string, object?> map => map.Keys,
        IDictionary map => map.Keys.Cast<object>().Select(k => k.ToString() ?? ""),
        _ => Readers.GetOrAdd(parameters.GetType(), Build).Keys,
    };

    /// <summary>The value named <paramref name="name"/> in a parameter object or dictionary, when it has one.</summary>
    public static bool TryGet(object? parameters, string name, out object? value)
    {
        var readers = parameters is null or IReadOnlyDictionary<string, object?> or IDictionary ? null : Readers.GetOrAdd(parameters.GetType(), Build);
        return TryLookup(parameters, readers, name, out value);
    }

    // The value of parameter i, which takes one value of an IN list: the caller's list by that name, else the statement's own.
    // `last` keeps the list last read as an IList, so a collection that is not one is copied once, not once per value.
    private static object? ListElement(Compiled compiled, BindParameter[] binds, int i, int slot, ListSlot list, object? parameters,
        ref (object? Source, IList? Values) last)
    {
        object? values;
        if (slot < 0 || compiled.Overridable?[i] == true && TryGet(parameters, list.Name, out _))
        {
            if (!TryGet(parameters, list.Name, out values))
                throw Missing(list.Name, compiled);
        }
        else
            values = binds[slot].Value;
        if (!ReferenceEquals(values, last.Source) || last.Values is null)
            last = (values, ListParameter.AsList(values, list.Name));
        return Element(last.Values, list);
    }

    /// <summary>
    /// The value of an IN list that <paramref name="slot"/> takes, the last value standing in for spare parameters; or the
    /// whole list as a typed array, for a slot that takes it all.
    /// </summary>
    public static object? Element(object? list, ListSlot slot)
    {
        var values = ListParameter.AsList(list, slot.Name);
        if (slot.IsArray)
            return ListArrays.Of(values, slot.Type, slot.ValueType);
        if (values.Count == 0 || values.Count > slot.Size)
        {
            throw new ArgumentException(
                $"The list parameter {Identifiers.Quoted(slot.Name)} has {values.Count} values, but the statement was compiled for a list of {slot.Size}: " +
                "the list changed after the statement was compiled; pass a new list instead of changing one.", "parameters");
        }
        return values[Math.Min(slot.Element, values.Count - 1)];
    }

    private static bool TryLookup(object? parameters, Dictionary<string, Func<object, object?>>? readers, string name, out object? value)
    {
        switch (parameters)
        {
            case IReadOnlyDictionary<string, object?> map:
                return map.TryGetValue(name, out value);
            case IDictionary map when map.Contains(name):
                value = map[name];
                return true;
            case not null when readers is not null && readers.TryGetValue(name, out var read):
                value = read(parameters);
                return true;
            default:
                value = null;
                return false;
        }
    }

    /// <summary>The values of every parameter set of an executemany, in binding order.</summary>
    public static object?[][] CollectMany(Compiled compiled, BindParameter[] binds, IReadOnlyList<object> many)
    {
        var sets = new object?[many.Count][];
        for (var i = 0; i < sets.Length; i++)
            sets[i] = Collect(compiled, binds, many[i]);
        return sets;
    }

    private static ArgumentException Missing(string name, Compiled compiled) => new(
        $"A value is required for bind parameter {Identifiers.Quoted(name)} in: {compiled.Sql}. Pass it as new {{ {Identifiers.Shortened(name)} = ... }} or in a dictionary keyed \"{Identifiers.Shortened(name)}\".",
        "parameters");

    private static Dictionary<string, Func<object, object?>> Build(Type type)
    {
        if (type.IsPrimitive || type == typeof(string) || type.IsArray)
        {
            throw new ArgumentException(
                $"Parameters must be an object with a property per parameter (new {{ id = 5 }}) or a dictionary, not {Articles.With(type.Name)}.", "parameters");
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
