using System.Globalization;
using Framework.Sql;

namespace Framework;

/// <summary>Converts a driver value to the type a caller asks for: the same type passes through; numbers, strings and dates convert.</summary>
internal static class ValueConverter
{
    public static T Convert<T>(object? value, string column)
    {
        if (value is T typed)
            return typed;
        if (value is null)
        {
            return default(T) is null || Nullable.GetUnderlyingType(typeof(T)) is not null
                ? default!
                : throw new InvalidCastException($"Column {Identifiers.Quoted(column)} is NULL and cannot be read as {typeof(T).Name}; read it as {typeof(T).Name}? instead.");
        }
        return (T)ConvertTo(value, typeof(T), column);
    }

    /// <summary>Converts a non-null driver value to <paramref name="type"/> (or its underlying type, for a nullable one).</summary>
    public static object ConvertTo(object value, Type type, string column)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsInstanceOfType(value))
            return value;
        if (target.IsEnum && value is string label)
            return Member(label, target, column);
        // A PostgreSQL array arrives as the driver reads it (string[] for an enum array); its elements convert one by one.
        if (target.IsSZArray && target != typeof(byte[]) && value is Array { Rank: 1 } source)
            return ConvertArray(source, target, column);
        try
        {
            return target switch
            {
                _ when target.IsEnum => Enum.ToObject(target, value),
                _ when target == typeof(Guid) => value is byte[] bytes ? new Guid(bytes) : Guid.Parse((string)value),
                _ when target == typeof(DateTimeOffset) => value is DateTime dt ? new DateTimeOffset(dt) : DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture),
                _ when target == typeof(DateOnly) => value is DateTime dt ? DateOnly.FromDateTime(dt) : DateOnly.Parse((string)value, CultureInfo.InvariantCulture),
                _ when target == typeof(TimeOnly) => value is TimeSpan ts ? TimeOnly.FromTimeSpan(ts) : TimeOnly.Parse((string)value, CultureInfo.InvariantCulture),
                _ when target == typeof(TimeSpan) => value is string s ? TimeSpan.Parse(s, CultureInfo.InvariantCulture) : (TimeSpan)value,
                _ when target == typeof(System.Text.Json.JsonDocument) => System.Text.Json.JsonDocument.Parse((string)value),
                _ when target == typeof(System.Text.Json.Nodes.JsonNode) => System.Text.Json.Nodes.JsonNode.Parse((string)value)!,
                _ when target == typeof(string) => RowFormatter.FormatValue(value),
                _ => System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture),
            };
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException or ArgumentException or System.Text.Json.JsonException)
        {
            throw new InvalidCastException($"Column {Identifiers.Quoted(column)} holds {value.GetType().Name} '{RowFormatter.FormatValue(value)}', which cannot be read as {target.Name}: {e.Message}", e);
        }
    }

    // Names match exactly, as the database compares them: 'happy' is not Happy, and neither is '1'.
    private static object Member(string label, Type enumType, string column)
    {
        var names = EnumNames.For(enumType);
        return names.ValueOf(label) ?? throw new InvalidCastException(
            $"Column {Identifiers.Quoted(column)} holds '{label}', which is not a member of {enumType.Name} ({string.Join(", ", names.Names)}); names match case-sensitively. " +
            $"Add the member to {enumType.Name}, or read the column as a string.");
    }

    // The array type itself is at hand, so the array is made from it (Native AOT has its code) rather than from its element type.
    private static Array ConvertArray(Array source, Type arrayType, string column)
    {
        var elementType = arrayType.GetElementType()!;
        var target = Array.CreateInstanceFromArrayType(arrayType, source.Length);
        var underlying = Nullable.GetUnderlyingType(elementType);
        for (var i = 0; i < source.Length; i++)
        {
            var item = source.GetValue(i);
            if (item is null or DBNull)
            {
                if (elementType.IsValueType && underlying is null)
                    throw new InvalidCastException($"Column {Identifiers.Quoted(column)} holds an array with a NULL element, which cannot be read as {elementType.Name}[]; read it as {elementType.Name}?[] instead.");
                continue;
            }
            target.SetValue(ConvertTo(item, elementType, column), i);
        }
        return target;
    }
}
