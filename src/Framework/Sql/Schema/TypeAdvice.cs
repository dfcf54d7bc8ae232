using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Framework.Sql;

/// <summary>
/// What to declare instead of a <c>Column&lt;T&gt;</c> whose <c>T</c> maps to no SQL type, chosen by what <c>T</c> is:
/// bytes become <c>byte[]</c>, text <c>string</c>, a list an array, any other object JSON.
/// </summary>
internal static class TypeAdvice
{
    // Advice only: in a trimmed application a type whose Parse method or interfaces were removed gets the JSON advice instead.
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "The reflection only chooses the wording of an error message.")]
    public static string Instead(string column, Type clrType)
    {
        var name = Identifiers.Shortened(column);
        var type = Nullable.GetUnderlyingType(clrType) ?? clrType;
        var shown = TypeNames.Of(type);
        var element = ElementOf(type);
        if (type == typeof(object))
            return "Give the column the type of its values (Column<string>, Column<int>, ...): Column<object> says nothing a database could store.";
        if (typeof(Stream).IsAssignableFrom(type) || element == typeof(byte))
        {
            return $"Bytes are stored as byte[]: declare new Column<byte[]>(\"{name}\") (SqlType.Binary: bytea on PostgreSQL, BLOB on SQLite) " +
                "and pass the bytes as an array (copy a stream into a MemoryStream and call ToArray(); call ToArray() on a Memory<byte> or a list).";
        }
        if (element == typeof(char) || type == typeof(System.Text.StringBuilder))
            return $"Text is stored as string: declare new Column<string>(\"{name}\") and pass value.ToString() (new string(chars) for a char[]).";
        if (type == typeof(BigInteger) || type == typeof(Int128) || type == typeof(UInt128))
        {
            return $"Store it as an exact number: declare new Column<decimal>(\"{name}\") (SqlType.Numeric) and convert with (decimal)value, " +
                $"which holds 28 digits; or store its text in a Column<string>.";
        }
        if (type == typeof(Half))
            return $"Store it as a float: declare new Column<float>(\"{name}\") and convert with (float)value.";
        if (type == typeof(Uri))
            return $"Store its text: declare new Column<string>(\"{name}\") and pass uri.ToString(); read it back with new Uri(text).";
        // IPAddress, Version and their like write themselves as text and parse it back.
        if (type.GetMethod("Parse", [typeof(string)]) is { IsStatic: true } parse && parse.ReturnType == type)
            return $"Store its text: declare new Column<string>(\"{name}\") and pass value.ToString(); read it back with {shown}.Parse(text).";
        if (element is not null && !type.IsArray && SqlType.ArrayOf(element) is not null)
        {
            return $"A list of values is stored as an array: declare new Column<{TypeNames.Of(element)}[]>(\"{name}\") (a PostgreSQL array; SQLite has none, " +
                "so there store it as JSON or in a child table) and pass list.ToArray().";
        }
        return $"To store {Articles.With(shown)} as JSON, declare new Column<JsonNode>(\"{name}\") (SqlType.Json: jsonb on PostgreSQL, TEXT on SQLite), " +
            $"write JsonSerializer.SerializeToNode(value) and read node.Deserialize<{shown}>(); or give what it holds columns of their own.";
    }

    // The T of Memory<T>, ReadOnlyMemory<T>, ArraySegment<T>, an array or an IEnumerable<T>; null for anything else.
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "The reflection only chooses the wording of an error message.")]
    private static Type? ElementOf(Type type)
    {
        if (type.IsArray)
            return type.GetElementType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(Memory<>) || definition == typeof(ReadOnlyMemory<>) || definition == typeof(ArraySegment<>)))
            return type.GetGenericArguments()[0];
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            return type.GetGenericArguments()[0];
        return type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }
}
