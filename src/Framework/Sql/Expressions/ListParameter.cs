using System.Collections;

namespace Framework.Sql;

/// <summary>
/// The list of an <c>IN (...)</c>: the statement's own values (<c>In(ids)</c>, <c>In(1, 2, 3)</c>), or a list the caller
/// passes by name at execution (<c>In(BindParam("ids"))</c>). Where the dialect binds lists as arrays
/// (<see cref="Dialect.BindsListsAsArrays"/>) it is one parameter whatever its length. Elsewhere it is one bound parameter
/// per value, as many as the list's size class (see <see cref="Bucket"/>), so lists of nearby lengths share one compiled
/// statement; the last value fills the spare parameters, which changes nothing for IN. An empty list has no parameters there.
/// </summary>
internal sealed class ListParameter : ColumnElement
{
    private ListParameter(string? name, BindParameter? values, SqlType? type, Type? valueType)
    {
        Name = name;
        Values = values;
        Type = type;
        ValueType = valueType;
    }

    /// <summary>The name the caller passes the list by; null for a list the statement carries.</summary>
    public string? Name { get; }

    /// <summary>The statement's own values (an object?[]), or the default of a named list; null when the caller must pass it.</summary>
    public BindParameter? Values { get; }

    /// <summary>The SQL type of each value.</summary>
    public SqlType? Type { get; }

    /// <summary>The .NET type of the values compared with (the IN's operand's), which an array of them is made of when known.</summary>
    internal override Type? ValueType { get; }

    internal override SqlType? ExpressionType => Type;

    /// <summary>
    /// The list an IN was given, when it is one: a single collection of values, a named bind parameter, or values none of
    /// which is an expression; null when the values are to be bound one by one (some are columns or expressions).
    /// </summary>
    public static ListParameter? From(IReadOnlyList<object?> items, SqlType? type, Type? valueType)
    {
        if (items.Count == 1)
        {
            switch (items[0])
            {
                case NamedParameter named:
                    return new ListParameter(named.Name, null, named.ExpressionType ?? type, valueType);
                case BindParameter { Key: { } key } keyed when IsList(keyed.Value):
                    return new ListParameter(key, new BindParameter(Materialize(keyed.Value!), type, key), type, valueType);
                case var value when IsList(value):
                    return new ListParameter(null, new BindParameter(Materialize(value!), type), type, valueType);
            }
        }
        foreach (var item in items)
        {
            if (item is ClauseElement || IsList(item))
                return null;
        }
        return new ListParameter(null, new BindParameter(items.ToArray(), type), type, valueType);
    }

    /// <summary>Whether a value is a list of values (a string or byte[] is one value).</summary>
    public static bool IsList(object? value) => value is IEnumerable and not string and not byte[] and not ClauseElement;

    /// <summary>
    /// The number of parameters written for a list of <paramref name="count"/> values: the count itself up to 8, then
    /// rounded up to a quarter of the power of two below it (9 → 10, 17 → 20, 1000 → 1024).
    /// </summary>
    public static int Bucket(int count)
    {
        if (count <= 8)
            return count;
        var power = 1 << (31 - int.LeadingZeroCount(count - 1));
        var step = power / 4;
        return (count + step - 1) / step * step;
    }

    /// <summary>How many values the list has when the statement runs with <paramref name="parameters"/>.</summary>
    public int Count(object? parameters)
    {
        if (Name is not null && ParameterValues.TryGet(parameters, Name, out var passed))
            return AsList(passed, Name).Count;
        if (Values is not null)
            return ((object?[])Values.Value!).Length;
        throw new ArgumentException(
            $"A list is required for parameter {Identifiers.Quoted(Name)} (an IN list). Pass it as new {{ {Identifiers.Shortened(Name ?? "")} = new[] {{ ... }} }} or in a dictionary keyed \"{Identifiers.Shortened(Name ?? "")}\".",
            "parameters");
    }

    /// <summary>A caller's list value, indexable; anything but a list is refused.</summary>
    public static IList AsList(object? value, string name) => value switch
    {
        IList list and not byte[] => list,
        _ when IsList(value) => Materialize(value!),
        _ => throw new ArgumentException(
            $"Parameter {Identifiers.Quoted(name)} is the list of an IN, but was given {(value is null ? "null" : Articles.With(value.GetType().Name))}: pass an array or list of values (an empty one matches nothing).",
            "parameters"),
    };

    private static object?[] Materialize(object list) => [.. ((IEnumerable)list).Cast<object?>()];

    internal override void Compile(SqlCompiler compiler) => throw new InvalidOperationException(
        "A list parameter can only be used as the list of In or NotIn; this is a bug in Framework.");

    // The list's length is no part of the shape: where it changes the SQL (one parameter per value), the statement's
    // variant for the dialect carries its size class (Statement.CompileCached).
    internal override void AddKey(KeyBuilder key)
    {
        key.Add(typeof(ListParameter)).Add(Name).Add(Type).Add(ValueType);
        if (Values is not null)
            key.Bind(Values);
        key.List(this);
    }
}
