namespace Framework.Sql;

/// <summary>The kinds of SQL type Framework maps; each dialect names them in its own DDL.</summary>
public enum SqlTypeKind
{
    /// <summary>32-bit integer.</summary>
    Integer,

    /// <summary>64-bit integer.</summary>
    BigInteger,

    /// <summary>16-bit integer.</summary>
    SmallInteger,

    /// <summary>Variable-length string, optionally bounded.</summary>
    String,

    /// <summary>Unbounded text.</summary>
    Text,

    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>Date and time, with or without time zone.</summary>
    DateTime,

    /// <summary>Calendar date.</summary>
    Date,

    /// <summary>Time of day.</summary>
    Time,

    /// <summary>Exact decimal with precision and scale.</summary>
    Numeric,

    /// <summary>Single-precision floating point.</summary>
    Float,

    /// <summary>Double-precision floating point.</summary>
    Double,

    /// <summary>A UUID.</summary>
    Guid,

    /// <summary>A JSON document (jsonb on PostgreSQL).</summary>
    Json,

    /// <summary>Bytes.</summary>
    Binary,

    /// <summary>A type Framework does not know: an unlabelled expression's column seen through a subquery. It has no DDL.</summary>
    Unknown,
}

/// <summary>
/// A column's SQL type. <c>Column&lt;T&gt;</c> infers it from <c>T</c>; pass one to say more (a length, a precision,
/// a time zone) or to choose another mapping.
/// </summary>
public sealed record SqlType(SqlTypeKind Kind, int? Length = null, int? Precision = null, int? Scale = null, bool Timezone = false)
{
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
            _ => null,
        };
    }
}
