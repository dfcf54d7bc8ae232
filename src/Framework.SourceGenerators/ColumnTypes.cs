using System.Linq;
using Microsoft.CodeAnalysis;

namespace Framework.SourceGenerators;

/// <summary>Which property types a column can hold, and which SQL type the generated column states for them.</summary>
internal static class ColumnTypes
{
    private const string SqlType = "global::Framework.Sql.SqlType";

    /// <summary>What to use instead of a property type no column can hold, when nothing more particular applies.</summary>
    public const string SupportedTypes = "use an integer type, string, bool, a date or time type, decimal, double, float, Guid, byte[], an enum, "
        + "a System.Text.Json type or an array of these";

    /// <summary>
    /// Whether <paramref name="type"/> (already stripped of <c>Nullable&lt;&gt;</c>) can be a column, and the SQL type to
    /// state for it: null when <c>Column&lt;T&gt;</c> infers the right one from <c>T</c> itself. When it cannot,
    /// <paramref name="problem"/> says why, or what to use instead.
    /// </summary>
    /// <remarks>
    /// The types accepted are those <c>SqlType.For</c> maps at run time, and JsonElement, for which the generated
    /// column states JSON. Enums and arrays are left to that inference: an enum is stored by its members' names (a
    /// PostgreSQL enum type, or VARCHAR with a CHECK), an array as a PostgreSQL array (SQLite refuses it when the
    /// tables are created).
    /// </remarks>
    public static bool TryClassify(ITypeSymbol type, out string? sqlType, out string? problem)
    {
        sqlType = null;
        problem = null;
        if (IsScalar(type))
            return true;
        if (type.TypeKind == TypeKind.Enum)
            return (problem = EnumProblem(type)) is null;
        if (IsJson(type))
        {
            // Column<T> infers JSON for JsonDocument and JsonNode only; say it for every JSON type.
            sqlType = SqlType + ".Json";
            return true;
        }
        if (type is IArrayTypeSymbol array)
            return (problem = ArrayProblem(array)) is null;
        problem = SupportedTypes;
        return false;
    }

    /// <summary>
    /// Why <c>[Column(Type = kind)]</c> does not fit a property of <paramref name="valueType"/> (already stripped of
    /// <c>Nullable&lt;&gt;</c>), as <c>Column&lt;T&gt;</c> would refuse it or build a column the driver cannot fill; null when it fits.
    /// </summary>
    public static string? Misfit(string kind, ITypeSymbol valueType)
    {
        if (valueType.TypeKind == TypeKind.Enum)
        {
            return kind is "Enum" or "String" or "Text" ? null
                : "enum values are stored by their members' names, so the column is Enum (leave Type out), String or Text; "
                + "to store numbers, make the property an int and assign (int)value";
        }
        if (kind == "Enum")
            return "SqlTypeKind.Enum is the type of an enum property; leave Type out to infer this property's type";
        if (kind == "Array" && !(valueType is IArrayTypeSymbol array && array.ElementType.SpecialType != SpecialType.System_Byte))
            return "SqlTypeKind.Array is the type of an array property such as int[]; leave Type out to infer this property's type";
        return null;
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

    /// <summary>
    /// Which of the runtime's <c>ColumnReaders</c> reads a property of <paramref name="type"/> (already stripped of
    /// <c>Nullable&lt;&gt;</c>; <paramref name="nullable"/> when it was nullable) from a row, as its method's name with
    /// type argument: the driver's typed getter for a single value, the enum's names for an enum, and Framework's
    /// conversions for what a driver gives as another type (an array, a JSON document).
    /// </summary>
    public static string Reader(ITypeSymbol type, bool nullable)
    {
        var name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (type.TypeKind == TypeKind.Enum)
            return (nullable ? "NullableEnum<" : "Enum<") + name + ">";
        if (type.IsValueType && IsScalar(type))
            return (nullable ? "NullableValue<" : "Value<") + name + ">";
        if (type.SpecialType == SpecialType.System_String || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte })
            return "Reference<" + name + ">";
        // A nullable reference (a JSON node, an array) is read by the same conversions, which give null for NULL.
        return "Converted<" + name + (nullable ? "?>" : ">");
    }

    /// <summary>Whether the type is one of the integer kinds a version counter or an autoincrement key can be.</summary>
    public static bool IsInteger(ITypeSymbol type) => type.SpecialType is SpecialType.System_Int16 or SpecialType.System_UInt16
        or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
        or SpecialType.System_Byte or SpecialType.System_SByte;

    /// <summary>
    /// The type an explicit <c>[Column(Type = ...)]</c> or its Length, Precision, Scale and Timezone describe; null for
    /// Enum and Array, which <c>Column&lt;T&gt;</c> infers from the property's type (the kind alone names no enum or element type).
    /// </summary>
    public static string? FromKind(string kind, int length, int precision, int scale, bool timezone) => kind switch
    {
        "Enum" or "Array" => null,
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

    /// <summary>Why <c>Column&lt;T&gt;</c> could not store an enum by name (a [Flags] or memberless one, as <c>SqlType.Enum</c> refuses), or null.</summary>
    private static string? EnumProblem(ITypeSymbol type)
    {
        if (type.GetAttributes().Any(a => a.AttributeClass is { } attribute && IsSystemType(attribute, "FlagsAttribute")))
        {
            return type.Name + " is a [Flags] enum: enum values are stored by their members' names, and a combination of flags has none; "
                + "to store numbers, use int in its place and assign (int)value";
        }
        return type.GetMembers().OfType<IFieldSymbol>().Any(f => f.HasConstantValue) ? null
            : type.Name + " has no members, so no value of it could be stored; give it members";
    }

    /// <summary>
    /// Why <c>Column&lt;T&gt;</c> infers no type for an array (byte[] being Binary): it maps a one-dimensional array of
    /// a type it maps, but char (text to the driver) or another array, to a PostgreSQL array; null when it does.
    /// </summary>
    private static string? ArrayProblem(IArrayTypeSymbol array)
    {
        if (array.Rank == 1 && array.ElementType.SpecialType == SpecialType.System_Byte)
            return null;
        var element = Unwrap(array.ElementType, out _);
        if (array.Rank != 1 || element is IArrayTypeSymbol)
            return "an array column is a one-dimensional array of single values, such as int[] or string[], not an array of arrays";
        if (array.ElementType.SpecialType == SpecialType.System_Char)
            return "a char[] is text to the database driver, not an array; make the property a string";
        if (IsScalar(element) || IsInferredJson(element))
            return null;
        if (element.TypeKind == TypeKind.Enum)
            return EnumProblem(element);
        return "an array column's elements must be of an integer type, string, bool, a date or time type, decimal, double, float, Guid, an enum, "
            + "JsonDocument or JsonNode";
    }

    private static bool IsJson(ITypeSymbol type) => IsInferredJson(type) || IsJsonType(type, "System.Text.Json", "JsonElement");

    // The JSON types Column<T> maps by itself (SqlType.For): the only ones an array's elements can be.
    private static bool IsInferredJson(ITypeSymbol type) =>
        IsJsonType(type, "System.Text.Json", "JsonDocument") || IsJsonType(type, "System.Text.Json.Nodes", "JsonNode");

    private static bool IsJsonType(ITypeSymbol type, string ns, string name) =>
        type is INamedTypeSymbol named && named.Name == name && named.ContainingNamespace?.ToDisplayString() == ns;

    private static bool IsSystemType(ITypeSymbol type, string name) =>
        type.Name == name && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };
}
