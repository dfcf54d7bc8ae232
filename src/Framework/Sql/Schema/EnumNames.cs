using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Framework.Sql;

/// <summary>
/// The names an enum's values are stored as, both ways: a value to the name the database holds, and a name read back
/// to its value. Built once per enum type; names match exactly (case-sensitive), as the database compares them.
/// </summary>
internal sealed class EnumNames
{
    private static readonly ConcurrentDictionary<Type, EnumNames> Cache = new();

    private readonly FrozenDictionary<string, object> _values;

    private EnumNames(Type enumType)
    {
        EnumType = enumType;
        // GetNames orders by value, so a PostgreSQL enum sorts as the C# values do.
        Names = Enum.GetNames(enumType);
        _values = Names.ToFrozenDictionary(name => name, name => Enum.Parse(enumType, name), StringComparer.Ordinal);
    }

    public Type EnumType { get; }

    /// <summary>Every member's name, in the order of their values.</summary>
    public IReadOnlyList<string> Names { get; }

    public static EnumNames For(Type enumType) => Cache.GetOrAdd(enumType, static type => new EnumNames(type));

    /// <summary>The name <paramref name="value"/> is stored as; a value that is no single member has none, and is refused.</summary>
    public static string NameOf(Enum value)
    {
        var type = value.GetType();
        return Enum.GetName(type, value) ?? throw new ArgumentException(
            $"{value} is not a member of {type.Name} ({string.Join(", ", For(type).Names)}): enum values are stored by name, and a number " +
            $"or a combination of flags has none. Pass one of its members, or store numbers in a Column<int> with (int)value.", nameof(value));
    }

    /// <summary>The member named <paramref name="name"/>, or null when the enum has none of that exact name.</summary>
    public object? ValueOf(string name) => _values.GetValueOrDefault(name);
}
