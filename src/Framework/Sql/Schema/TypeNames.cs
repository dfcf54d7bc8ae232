namespace Framework.Sql;

/// <summary>
/// Types as messages name them, as C# writes them: <c>List&lt;int&gt;</c> rather than <c>List`1</c>, <c>int?</c> rather
/// than <c>Nullable`1</c>, so that code a message suggests can be pasted.
/// </summary>
internal static class TypeNames
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(char)] = "char", [typeof(short)] = "short",
        [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long", [typeof(ulong)] = "ulong",
        [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal", [typeof(string)] = "string", [typeof(object)] = "object",
    };

    public static string Of(Type type)
    {
        if (Keywords.TryGetValue(type, out var keyword))
            return keyword;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return Of(underlying) + "?";
        if (type.IsArray)
            return Of(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        if (!type.IsGenericType)
            return type.Name;
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return $"{(tick < 0 ? type.Name : type.Name[..tick])}<{string.Join(", ", type.GetGenericArguments().Select(Of))}>";
    }
}
