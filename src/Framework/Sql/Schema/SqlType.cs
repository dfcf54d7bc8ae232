namespace Framework.Sql;

/// <summary>
/// A column's SQL type. <c>Column&lt;T&gt;</c> infers it from <c>T</c>; pass one to say more (a length, a precision,
/// a time zone) or to choose another mapping.
/// </summary>
public sealed record SqlType(SqlTypeKind Kind, int? Length = null, int? Precision = null, int? Scale = null, bool Timezone = false)
{
    // PostgreSQL cuts longer identifiers short (NAMEDATALEN - 1 bytes), and the cut name would not be found again.
    private const int MaxNameBytes = 63;

    /// <summary>The C# enum of an <see cref="SqlTypeKind.Enum"/> type; null for other kinds.</summary>
    public Type? EnumType { get; private init; }

    /// <summary>The database type's own name: a PostgreSQL enum's, as <c>CREATE TYPE</c> declares it; null for other kinds.</summary>
    public string? Name { get; private init; }

    /// <summary>
    /// For an enum, whether PostgreSQL stores it as an enum type of its own (<see cref="Name"/>); when false, or on
    /// SQLite, it is VARCHAR with a CHECK constraint.
    /// </summary>
    public bool Native { get; private init; }

    /// <summary>The type of an <see cref="SqlTypeKind.Array"/> type's elements; null for other kinds.</summary>
    public SqlType? ElementType { get; private init; }

    /// <summary>The names an enum's values are stored as, in the order of their values; empty for other kinds.</summary>
    public IReadOnlyList<string> Labels => EnumType is null ? [] : EnumNames.For(EnumType).Names;
    /// <summary>INTEGER.</summary>
    public static SqlType Integer { get; } = new(SqlTypeKind.Integer);

    /// <summary>BIGINT.</summary>
    public static SqlType BigInteger { get; } = new(SqlTypeKind.BigInteger);

    /// <summary>SMALLINT.</summary>
    public static SqlType SmallInteger { get; } = new(SqlTypeKind.SmallInteger);

    /// <summary>TEXT.</summary>
    public static SqlType Text { get; } = new(SqlTypeKind.Text);

    /// <summary>BOOLEAN.</summary>
    public static SqlType Boolean { get; } = new(SqlTypeKind.Boolean);

    /// <summary>DATE.</summary>
    public static SqlType Date { get; } = new(SqlTypeKind.Date);

    /// <summary>TIME.</summary>
    public static SqlType Time { get; } = new(SqlTypeKind.Time);

    /// <summary>REAL.</summary>
    public static SqlType Float { get; } = new(SqlTypeKind.Float);

    /// <summary>DOUBLE PRECISION.</summary>
    public static SqlType Double { get; } = new(SqlTypeKind.Double);

    /// <summary>UUID.</summary>
    public static SqlType Guid { get; } = new(SqlTypeKind.Guid);

    /// <summary>JSON (jsonb on PostgreSQL).</summary>
    public static SqlType Json { get; } = new(SqlTypeKind.Json);

    /// <summary>Bytes (bytea on PostgreSQL, BLOB on SQLite).</summary>
    public static SqlType Binary { get; } = new(SqlTypeKind.Binary);

    /// <summary>The type of a value whose type Framework cannot tell (it has no DDL).</summary>
    public static SqlType Unknown { get; } = new(SqlTypeKind.Unknown);

    /// <summary>VARCHAR, of at most <paramref name="length"/> characters when given.</summary>
    public static SqlType String(int? length = null)
    {
        if (length is < 1)
            throw new ArgumentOutOfRangeException(nameof(length), length, "A string length must be at least 1; leave it out for no limit.");
        return new(SqlTypeKind.String, Length: length);
    }

    /// <summary>TIMESTAMP, with time zone when <paramref name="timezone"/> is set.</summary>
    public static SqlType DateTime(bool timezone = false) => new(SqlTypeKind.DateTime, Timezone: timezone);

    /// <summary>NUMERIC with <paramref name="precision"/> digits, <paramref name="scale"/> of them after the point.</summary>
    public static SqlType Numeric(int? precision = null, int? scale = null)
    {
        if (precision is < 1 || scale is < 0 || (scale is not null && precision is null) || scale > precision)
            throw new ArgumentOutOfRangeException(nameof(precision), $"NUMERIC({precision}, {scale}) is not valid: precision must be at least 1 and scale from 0 to the precision.");
        return new(SqlTypeKind.Numeric, Precision: precision, Scale: scale);
    }

    /// <summary>
    /// An enum stored as its members' names, as SQLAlchemy's <c>Enum</c> stores them. On PostgreSQL, by default, a type
    /// of its own (<c>CREATE TYPE mood AS ENUM ('Happy', 'Sad')</c>), which <c>CreateAll</c> creates before the tables
    /// that use it and <c>DropAll</c> drops after them; with <paramref name="native"/> false, and on SQLite, a VARCHAR as
    /// long as the longest name with a CHECK constraint listing the names. Adding a member later needs the type or the
    /// constraint altered (<c>ALTER TYPE mood ADD VALUE 'Calm'</c>).
    /// </summary>
    /// <param name="enumType">The C# enum; a <c>[Flags]</c> enum is refused, since a combination of flags has no single name.</param>
    /// <param name="name">The PostgreSQL type's name; by default the enum's name in snake_case (<c>OrderStatus</c> becomes <c>order_status</c>).</param>
    /// <param name="native">Whether PostgreSQL gets an enum type of its own (the default) or a VARCHAR with a CHECK constraint.</param>
    public static SqlType Enum(Type enumType, string? name = null, bool native = true)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        if (!enumType.IsEnum)
            throw new ArgumentException($"{enumType.Name} is not an enum; SqlType.Enum takes an enum type, e.g. SqlType.Enum(typeof(Mood)).", nameof(enumType));
        if (enumType.IsDefined(typeof(FlagsAttribute), inherit: false))
        {
            throw new ArgumentException(
                $"{enumType.Name} is a [Flags] enum: a combination of flags has no single name to store. Store it as a number instead: a Column<int>, given (int)value.",
                nameof(enumType));
        }
        var labels = EnumNames.For(enumType).Names;
        if (labels.Count == 0)
            throw new ArgumentException($"{enumType.Name} has no members, so no value of it could be stored.", nameof(enumType));
        name ??= SnakeCase(enumType.Name);
        Identifiers.Validate(name, "enum type");
        if (System.Text.Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
            throw new ArgumentException($"The enum type name {Identifiers.Quoted(name)} is longer than PostgreSQL's {MaxNameBytes} bytes; pass a shorter name.", nameof(name));
        return new(SqlTypeKind.Enum, Length: labels.Max(label => label.Length)) { EnumType = enumType, Name = name, Native = native };
    }

    /// <summary>An enum stored as its members' names; see <see cref="Enum(Type, string?, bool)"/>.</summary>
    /// <typeparam name="TEnum">The C# enum.</typeparam>
    /// <param name="name">The PostgreSQL type's name; by default the enum's name in snake_case.</param>
    /// <param name="native">Whether PostgreSQL gets an enum type of its own (the default) or a VARCHAR with a CHECK constraint.</param>
    public static SqlType Enum<TEnum>(string? name = null, bool native = true)
        where TEnum : struct, System.Enum => Enum(typeof(TEnum), name, native);

    /// <summary>A PostgreSQL array of <paramref name="elementType"/> (<c>integer[]</c>, <c>varchar[]</c>). SQLite has no array type.</summary>
    public static SqlType Array(SqlType elementType)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        if (elementType.Kind is SqlTypeKind.Array)
            throw new ArgumentException("An array of arrays is not a type of its own: a PostgreSQL array already has any number of dimensions; pass the element type.", nameof(elementType));
        if (elementType.Kind is SqlTypeKind.Unknown)
            throw new ArgumentException("An array needs a known element type, e.g. SqlType.Array(SqlType.Integer).", nameof(elementType));
        return new(SqlTypeKind.Array) { ElementType = elementType };
    }

    /// <summary>Whether this is one of the integer kinds.</summary>
    public bool IsInteger => Kind is SqlTypeKind.Integer or SqlTypeKind.BigInteger or SqlTypeKind.SmallInteger;

    /// <summary>The type a CLR type maps to, or null when there is no mapping.</summary>
    public static SqlType? For(Type clrType)
    {
        ArgumentNullException.ThrowIfNull(clrType);
        var type = Nullable.GetUnderlyingType(clrType) ?? clrType;
        return type switch
        {
            _ when type == typeof(int) || type == typeof(uint) => Integer,
            _ when type == typeof(long) || type == typeof(ulong) => BigInteger,
            _ when type == typeof(short) || type == typeof(ushort) || type == typeof(byte) || type == typeof(sbyte) => SmallInteger,
            _ when type == typeof(string) || type == typeof(char) => String(),
            _ when type == typeof(bool) => Boolean,
            _ when type == typeof(System.DateTime) => DateTime(),
            _ when type == typeof(DateTimeOffset) => DateTime(timezone: true),
            _ when type == typeof(DateOnly) => Date,
            _ when type == typeof(TimeOnly) || type == typeof(TimeSpan) => Time,
            _ when type == typeof(decimal) => Numeric(),
            _ when type == typeof(float) => Float,
            _ when type == typeof(double) => Double,
            _ when type == typeof(System.Guid) => Guid,
            _ when type == typeof(byte[]) => Binary,
            _ when type == typeof(System.Text.Json.JsonDocument) || type == typeof(System.Text.Json.Nodes.JsonNode) => Json,
            // A [Flags] or empty enum has no mapping; SqlType.Enum says why.
            _ when type.IsEnum => type.IsDefined(typeof(FlagsAttribute), inherit: false) || EnumNames.For(type).Names.Count == 0 ? null : Enum(type),
            // byte[] is Binary above; char[] is text to Npgsql; int[][] has no PostgreSQL equivalent (arrays are rectangular).
            { IsSZArray: true } when type.GetElementType() is { } element => ArrayOf(element),
            _ => null,
        };
    }

    /// <summary>The type of an array of <paramref name="element"/>s, or null when there is no mapping.</summary>
    internal static SqlType? ArrayOf(Type element) =>
        element != typeof(char) && !element.IsArray && For(element) is { } elementType ? Array(elementType) : null;

    // A type made with the constructor rather than SqlType.Enum or SqlType.Array lacks what its DDL needs.
    internal string RequireName() => Name ?? throw new InvalidOperationException(
        $"This {Kind} type has no name; make it with SqlType.Enum(typeof(YourEnum)) rather than new SqlType(SqlTypeKind.Enum).");

    internal SqlType RequireElementType() => ElementType ?? throw new InvalidOperationException(
        "This Array type has no element type; make it with SqlType.Array(elementType) rather than new SqlType(SqlTypeKind.Array).");

    // OrderStatus -> order_status, HTTPMethod -> http_method: a break before a capital that follows a lower-case letter or
    // digit, or that starts a word after an acronym.
    private static string SnakeCase(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                || (char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                text.Append('_');
            }
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
