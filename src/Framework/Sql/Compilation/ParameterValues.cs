using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;

namespace Framework.Sql;

/// <summary>
/// Reads bind parameter values, by name, from what a caller passed: an anonymous object or any object with
/// public properties, or a dictionary. Property readers are compiled once per type.
/// </summary>
/// <remarks>
/// A dictionary needs no reflection. An object's readers are built from its type's public properties: the public
/// generic overloads (<c>Execute&lt;TParameters&gt;</c>) build them through <see cref="Of{T}(T)"/>, whose annotation makes
/// the trimmer keep those properties; an object that arrives typed <c>object</c> is read by its runtime type.
/// </remarks>
internal static class ParameterValues
{
    private const DynamicallyAccessedMemberTypes Properties = DynamicallyAccessedMemberTypes.PublicProperties;

    private static readonly ConcurrentDictionary<Type, Dictionary<string, Func<object, object?>>> Readers = new();

    /// <summary>
    /// A parameter object passed through a generic overload: its readers are built now from <typeparamref name="T"/>,
    /// whose properties the trimmer keeps, so that reading it later by its runtime type finds them.
    /// </summary>
    public static object? Of<[DynamicallyAccessedMembers(Properties)] T>(T parameters)
    {
        if (parameters is not null and not IReadOnlyDictionary<string, object?> and not IEnumerable && !typeof(T).IsPrimitive
            && parameters.GetType() == typeof(T) && !Readers.ContainsKey(typeof(T)))
            Readers.TryAdd(typeof(T), Build(typeof(T)));
        return parameters;
    }

    /// <summary>
    /// The same for an overload that runs a statement: a list passed as <typeparamref name="T"/> is an executemany
    /// (<paramref name="many"/>, and null returned), as the overload taking <c>IReadOnlyList&lt;object&gt;</c> made it.
    /// </summary>
    public static object? Of<[DynamicallyAccessedMembers(Properties)] T>(T parameters, out IReadOnlyList<object>? many)
    {
        many = parameters as IReadOnlyList<object>;
        return many is null ? Of(parameters) : null;
    }

    /// <summary>The parameter sets of an executemany passed through a generic overload, each read as <see cref="Of{T}(T)"/> reads one.</summary>
    public static IReadOnlyList<object> Of<[DynamicallyAccessedMembers(Properties)] T>(IReadOnlyList<T> sets)
        where T : notnull
    {
        if (sets.Count > 0)
            Of(sets[0]);
        return sets as IReadOnlyList<object> ?? [.. sets.Select(set => (object)set)];
    }

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
                    readers = ReadersOf(parameters);
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
        _ => ReadersOf(parameters).Keys,
    };

    /// <summary>The value named <paramref name="name"/> in a parameter object or dictionary, when it has one.</summary>
    public static bool TryGet(object? parameters, string name, out object? value)
    {
        var readers = parameters is null or IReadOnlyDictionary<string, object?> or IDictionary ? null : ReadersOf(parameters);
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

    // The readers Of built, else those of the object's runtime type. Without the generic overload's annotation the trimmer
    // may have removed that type's properties (Native AOT does for anonymous types); the type then has none to read, which
    // is an error naming it and the two ways that always work, never an empty set of values. Only a statement that reads a
    // parameter gets here, so an object with nothing to read still goes with a statement that has no parameters.
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "A type whose properties were trimmed reads as having none, which is reported as an error naming the type.")]
    private static Dictionary<string, Func<object, object?>> ReadersOf(object parameters)
    {
        var type = parameters.GetType();
        if (type.IsPrimitive || type == typeof(string) || type.IsArray)
        {
            throw new ArgumentException(
                $"Parameters must be an object with a property per parameter (new {{ id = 5 }}) or a dictionary, not {Articles.With(type.Name)}.", "parameters");
        }
        var readers = Readers.TryGetValue(type, out var built) ? built : Readers.GetOrAdd(type, Build(type));
        return readers.Count > 0 ? readers : throw new ArgumentException(
            $"Parameters of type {TypeNames.Of(type)} have no readable public properties: pass a dictionary (IReadOnlyDictionary<string, object?>) " +
            "or an object with public properties (new { id = 5 }). In a trimmed or Native AOT application, pass the object where its type is known " +
            "(not typed as object), so that the trimmer keeps its properties, or pass a dictionary.", "parameters");
    }

    private static Dictionary<string, Func<object, object?>> Build([DynamicallyAccessedMembers(Properties)] Type type)
    {
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
