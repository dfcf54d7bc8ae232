using System.Collections;
using System.Globalization;

namespace Framework.Sql;

/// <summary>
/// An IN list as one typed array, for a dialect that binds the list as one parameter: a driver names an array's database
/// type after its element type (Npgsql sends int[] as integer[], string[] as text[]) and has none for an object[]. The
/// element type is the compared column's when every value is one of it (or a number that fits it), else the values' own.
/// </summary>
internal static class ListArrays
{
    /// <summary>The values as an array of the element type; <paramref name="type"/> and <paramref name="valueType"/> are the compared column's.</summary>
    public static Array Of(IList values, SqlType? type, Type? valueType)
    {
        var preferred = valueType is null ? null : Nullable.GetUnderlyingType(valueType) ?? valueType;
        if (preferred is null || preferred == typeof(object))
            preferred = OfKind(type);
        // An enum column stores its members' names (Driver.DriverValue sends one the same way).
        if (preferred is { IsEnum: true } || type?.Kind is SqlTypeKind.Enum)
            return Names(values);
        var element = preferred is not null && Fits(preferred, values) ? preferred : OfValues(values);
        return element switch
        {
            _ when element == typeof(int) => Structs<int>(values),
            _ when element == typeof(long) => Structs<long>(values),
            _ when element == typeof(short) => Structs<short>(values),
            _ when element == typeof(string) => Classes<string>(values),
            _ when element == typeof(Guid) => Structs<Guid>(values),
            _ when element == typeof(bool) => Structs<bool>(values),
            _ when element == typeof(decimal) => Structs<decimal>(values),
            _ when element == typeof(double) => Structs<double>(values),
            _ when element == typeof(float) => Structs<float>(values),
            _ when element == typeof(DateTime) => Structs<DateTime>(values),
            _ when element == typeof(DateTimeOffset) => Structs<DateTimeOffset>(values),
            _ when element == typeof(DateOnly) => Structs<DateOnly>(values),
            _ when element == typeof(TimeOnly) => Structs<TimeOnly>(values),
            _ when element == typeof(TimeSpan) => Structs<TimeSpan>(values),
            _ when element == typeof(byte[]) => Classes<byte[]>(values),
            { IsEnum: true } => Names(values),
            // A type the driver may know by its values alone; it says so if it does not.
            _ => Objects(values),
        };
    }

    // The CLR type a column of this kind reads as, where there is one obvious one.
    private static Type? OfKind(SqlType? type) => type?.Kind switch
    {
        SqlTypeKind.Integer => typeof(int),
        SqlTypeKind.BigInteger => typeof(long),
        SqlTypeKind.SmallInteger => typeof(short),
        SqlTypeKind.String or SqlTypeKind.Text => typeof(string),
        SqlTypeKind.Boolean => typeof(bool),
        SqlTypeKind.Guid => typeof(Guid),
        SqlTypeKind.Numeric => typeof(decimal),
        SqlTypeKind.Double => typeof(double),
        SqlTypeKind.Float => typeof(float),
        _ => null,
    };

    // Whether every value is an element (or a number the element type holds exactly).
    private static bool Fits(Type element, IList values)
    {
        foreach (var value in values)
        {
            if (value is null || value.GetType() == element)
                continue;
            if (!IsNumber(element) || !IsNumber(value.GetType()))
                return false;
            if (IsInteger(element) && (!IsInteger(value.GetType()) || !InRange(element, value)))
                return false;
        }
        return true;
    }

    // The values' own type when they share one; integers of several widths as long; else none (an object[]).
    private static Type OfValues(IList values)
    {
        Type? common = null;
        var integers = true;
        foreach (var value in values)
        {
            if (value is null)
                continue;
            var type = value.GetType();
            integers &= IsInteger(type) && InRange(typeof(long), value);
            common = common is null || common == type ? type : typeof(object);
        }
        return common is null ? typeof(object) : common != typeof(object) ? common : integers ? typeof(long) : typeof(object);
    }

    private static bool IsInteger(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(sbyte) || type == typeof(byte)
        || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong);

    private static bool IsNumber(Type type) => IsInteger(type) || type == typeof(decimal) || type == typeof(double) || type == typeof(float);

    private static bool InRange(Type integer, object value)
    {
        if (value is ulong big)
            return big <= long.MaxValue && InRange(integer, (long)big);
        var number = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        return integer == typeof(long) || (integer == typeof(int) ? number is >= int.MinValue and <= int.MaxValue : number is >= short.MinValue and <= short.MaxValue);
    }

    // T[] when no value is null, T?[] otherwise (which the driver sends with NULL elements).
    private static Array Structs<T>(IList values)
        where T : struct
    {
        var hasNull = false;
        foreach (var value in values)
            hasNull |= value is null;
        if (!hasNull)
        {
            var array = new T[values.Count];
            for (var i = 0; i < array.Length; i++)
                array[i] = As<T>(values[i]!);
            return array;
        }
        var nullable = new T?[values.Count];
        for (var i = 0; i < nullable.Length; i++)
            nullable[i] = values[i] is { } value ? As<T>(value) : null;
        return nullable;
    }

    private static T As<T>(object value) => value is T typed ? typed : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);

    private static Array Classes<T>(IList values)
        where T : class
    {
        var array = new T?[values.Count];
        for (var i = 0; i < array.Length; i++)
            array[i] = (T?)values[i];
        return array;
    }

    private static string?[] Names(IList values)
    {
        var names = new string?[values.Count];
        for (var i = 0; i < names.Length; i++)
            names[i] = values[i] switch
            {
                null => null,
                Enum member => EnumNames.NameOf(member),
                var value => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
        return names;
    }

    private static object?[] Objects(IList values)
    {
        var array = new object?[values.Count];
        values.CopyTo(array, 0);
        return array;
    }
}
