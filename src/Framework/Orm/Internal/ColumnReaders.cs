using System.Collections.Frozen;
using System.ComponentModel;
using System.Data.Common;

namespace Framework.Orm.Internal;

/// <summary>
/// How a mapped column's value is read from the driver's reader when an entity is loaded: with the driver's typed getter,
/// unboxed, when the column holds the property's type, and through Framework's conversions otherwise (SQLite stores an
/// int as a 64-bit integer, a Guid or a date as text). The source generator picks one per property by its type. Part of the
/// generator's contract, not API.
/// </summary>
/// <remarks>
/// Every reader takes the column's name for its errors: a NULL in a column whose property cannot hold null, or a value
/// that does not convert, fails with the message <see cref="ValueConverter"/> gives everywhere else.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ColumnReaders
{
    /// <summary>A non-nullable value type (int, decimal, DateTime, Guid ...).</summary>
    /// <typeparam name="T">The property's type.</typeparam>
    /// <param name="reader">The reader, on the row.</param>
    /// <param name="ordinal">The column's position in the row.</param>
    /// <param name="column">The column's name, for errors.</param>
    public static T Value<T>(DbDataReader reader, int ordinal, string column)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(reader);
        // No IsDBNull first: a second seek to the column on every row, for a NULL that a property which cannot hold it
        // never expects. The typed getters refuse NULL, and the conversions then say what is wrong.
        var stored = reader.GetFieldType(ordinal);
        try
        {
            if (stored == typeof(T))
                return Get<T>(reader, ordinal);
            // SQLite's one integer type: its values fit the property's narrower type without a box.
            if (stored == typeof(long) && (typeof(T) == typeof(int) || typeof(T) == typeof(bool)))
            {
                var integer = reader.GetInt64(ordinal);
                if (typeof(T) == typeof(bool))
                    return (T)(object)(integer != 0);
                if (integer is >= int.MinValue and <= int.MaxValue)
                    return (T)(object)(int)integer;
            }
        }
        catch (Exception e) when (e is InvalidCastException or InvalidOperationException or System.Data.SqlTypes.SqlNullValueException)
        {
            // NULL (Npgsql throws InvalidCastException, Microsoft.Data.Sqlite InvalidOperationException): converted below, which refuses it by name.
        }
        return Converted<T>(reader, ordinal, column);
    }

    /// <summary>A nullable value type (<c>int?</c>, <c>DateTime?</c> ...).</summary>
    /// <typeparam name="T">The type under <c>Nullable&lt;T&gt;</c>.</typeparam>
    /// <param name="reader">The reader, on the row.</param>
    /// <param name="ordinal">The column's position in the row.</param>
    /// <param name="column">The column's name, for errors.</param>
    public static T? NullableValue<T>(DbDataReader reader, int ordinal, string column)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : Value<T>(reader, ordinal, column);
    }

    /// <summary>A reference type the driver reads itself (string, byte[]); NULL is null.</summary>
    /// <typeparam name="T">The property's type.</typeparam>
    /// <param name="reader">The reader, on the row.</param>
    /// <param name="ordinal">The column's position in the row.</param>
    /// <param name="column">The column's name, for errors.</param>
    /// <returns>The value; null for NULL, also for a property declared non-nullable (as every read of a reference type gives it).</returns>
    public static T Reference<T>(DbDataReader reader, int ordinal, string column)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.IsDBNull(ordinal))
            return null!;
        return reader.GetFieldType(ordinal) == typeof(T) ? Get<T>(reader, ordinal) : Converted<T>(reader, ordinal, column);
    }

    /// <summary>An enum, stored by its members' names.</summary>
    /// <typeparam name="T">The enum type.</typeparam>
    /// <param name="reader">The reader, on the row.</param>
    /// <param name="ordinal">The column's position in the row.</param>
    /// <param name="column">The column's name, for errors.</param>
    public static T Enum<T>(DbDataReader reader, int ordinal, string column)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!reader.IsDBNull(ordinal) && reader.GetFieldType(ordinal) == typeof(string) && Labels<T>.Values.TryGetValue(reader.GetString(ordinal), out var member))
            return member;
        // NULL, a name that is no member, or a number: the conversions say what is wrong, or read the number.
        return Converted<T>(reader, ordinal, column);
    }

    /// <summary>A nullable enum, stored by its members' names.</summary>
    /// <typeparam name="T">The enum type.</typeparam>
    /// <param name="reader">The reader, on the row.</param>
    /// <param name="ordinal">The column's position in the row.</param>
    /// <param name="column">The column's name, for errors.</param>
    public static T? NullableEnum<T>(DbDataReader reader, int ordinal, string column)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : Enum<T>(reader, ordinal, column);
    }

    /// <summary>
    /// Any other type (an array, a JSON document, a type a driver reads as another): the driver's value, converted as a Core
    /// result converts it.
    /// </summary>
    /// <typeparam name="T">The property's type.</typeparam>
    /// <param name="reader">The reader, on the row.</param>
    /// <param name="ordinal">The column's position in the row.</param>
    /// <param name="column">The column's name, for errors.</param>
    public static T Converted<T>(DbDataReader reader, int ordinal, string column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var value = reader.GetValue(ordinal);
        return ValueConverter.Convert<T>(value is DBNull ? null : value, column);
    }

    /// <summary>
    /// The value of a column that holds <typeparamref name="T"/>, by the reader's getter of that type: GetFieldValue&lt;T&gt; is a
    /// generic virtual method, which costs a lookup per call through a DbDataReader (several times a GetInt32), so the
    /// types that have a getter of their own use it. The checks on T are constants to the JIT for a value type.
    /// </summary>
    private static T Get<T>(DbDataReader reader, int ordinal)
    {
        if (typeof(T) == typeof(int))
            return (T)(object)reader.GetInt32(ordinal);
        if (typeof(T) == typeof(long))
            return (T)(object)reader.GetInt64(ordinal);
        if (typeof(T) == typeof(short))
            return (T)(object)reader.GetInt16(ordinal);
        if (typeof(T) == typeof(bool))
            return (T)(object)reader.GetBoolean(ordinal);
        if (typeof(T) == typeof(decimal))
            return (T)(object)reader.GetDecimal(ordinal);
        if (typeof(T) == typeof(double))
            return (T)(object)reader.GetDouble(ordinal);
        if (typeof(T) == typeof(float))
            return (T)(object)reader.GetFloat(ordinal);
        if (typeof(T) == typeof(DateTime))
            return (T)(object)reader.GetDateTime(ordinal);
        if (typeof(T) == typeof(Guid))
            return (T)(object)reader.GetGuid(ordinal);
        if (typeof(T) == typeof(string))
            return (T)(object)reader.GetString(ordinal);
        return reader.GetFieldValue<T>(ordinal);
    }

    // An enum's members by name, matched exactly as the database compares them.
    private static class Labels<T>
        where T : struct, Enum
    {
        // By name, not by value: two members may share a value.
        public static readonly FrozenDictionary<string, T> Values =
            System.Enum.GetNames<T>().ToFrozenDictionary(name => name, System.Enum.Parse<T>, StringComparer.Ordinal);
    }
}
