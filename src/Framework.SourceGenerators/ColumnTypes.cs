using Microsoft.CodeAnalysis;

namespace Framework.SourceGenerators;

/// <summary>Which property types a column can hold, and which SQL type the generated column states for them.</summary>
internal static class ColumnTypes
{
    private const string SqlType = "global::Framework.Sql.SqlType";

    /// <summary>
    /// Whether <paramref name="type"/> (already stripped of <c>Nullable&lt;&gt;</c>) can be a column, and the SQL type to
    /// state for it: null when <c>Column&lt;T&gt;</c> infers the right one from <c>T</c> itself.
    /// </summary>
    public static bool TryClassify(ITypeSymbol type, out string? sqlType)
    {
        sqlType = null;
        if (IsScalar(type))
            return true;
        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol { EnumUnderlyingType: { } underlying })
        {
            // Stored as their numbers, so renaming a member never breaks stored rows.
            sqlType = underlying.SpecialType switch
            {
                SpecialType.System_Int32 or SpecialType.System_UInt32 => SqlType + ".Integer",
                SpecialType.System_Int64 or SpecialType.System_UInt64 => SqlType + ".BigInteger",
                _ => SqlType + ".SmallInteger",
            };
            return true;
        }
        if (IsJson(type))
        {
            // Column<T> infers JSON for JsonDocument and JsonNode only; say it for every JSON type.
            sqlType = SqlType + ".Json";
            return true;
        }
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            if (array.ElementType.SpecialType == SpecialType.System_Byte)
                return true;
            var element = Unwrap(array.ElementType, out _);
            if (element is IArrayTypeSymbol || !(IsScalar(element) || element.TypeKind == TypeKind.Enum))
                return false;
            // SqlType has no array kind that works on every database: arrays are stored as JSON arrays.
            sqlType = SqlType + ".Json";
            return true;
        }
        return false;
    }

    /// <summary>The type inside <c>Nullable&lt;T&gt;</c>, or the type itself; <paramref name="nullable"/> says whether it was nullable (also for an annotated reference type).</summary>
    public static ITypeSymbol Unwrap(ITypeSymbol type, out bool nullable)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
        {
            nullable = true;
            return wrapper.TypeArguments[0];
        }
        nullable = type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated;
        return type;
    }

    /// <summary>Whether the type is one of the integer kinds a version counter or an autoincrement key can be.</summary>
    public static bool IsInteger(ITypeSymbol type) => type.SpecialType is SpecialType.System_Int16 or SpecialType.System_UInt16
        or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
        or SpecialType.System_Byte or SpecialType.System_SByte;

    /// <summary>The type an explicit <c>[Column(Type = ...)]</c> or its Length, Precision, Scale and Timezone describe.</summary>
    public static string FromKind(string kind, int length, int precision, int scale, bool timezone) => kind switch
    {
        "String" => SqlType + ".String(" + (length > 0 ? Literal(length) : "") + ")",
        "Numeric" => SqlType + ".Numeric(" + (precision > 0 ? Literal(precision) + (scale > 0 ? ", " + Literal(scale) : "") : "") + ")",
        "DateTime" => SqlType + ".DateTime(" + (timezone ? "timezone: true" : "") + ")",
        _ => SqlType + "." + kind,
    };

    private static string Literal(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsScalar(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Decimal:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_String:
            case SpecialType.System_DateTime:
                return true;
        }
        return IsSystemType(type, "DateTimeOffset") || IsSystemType(type, "DateOnly") || IsSystemType(type, "TimeOnly")
            || IsSystemType(type, "TimeSpan") || IsSystemType(type, "Guid");
    }

    private static bool IsJson(ITypeSymbol type) =>
        type is INamedTypeSymbol named && named.ContainingNamespace?.ToDisplayString() is "System.Text.Json" or "System.Text.Json.Nodes"
        && named.Name is "JsonDocument" or "JsonElement" or "JsonNode";

    private static bool IsSystemType(ITypeSymbol type, string name) =>
        type.Name == name && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };
}
