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

    /// <summary>
    /// A C# enum, stored as its members' names: a PostgreSQL enum type (<c>CREATE TYPE ... AS ENUM</c>), or VARCHAR with a
    /// CHECK constraint listing the names. See <see cref="SqlType.Enum(Type, string?, bool)"/>.
    /// </summary>
    Enum,

    /// <summary>A PostgreSQL array of <see cref="SqlType.ElementType"/> (<c>integer[]</c>); SQLite has none.</summary>
    Array,

    /// <summary>A type Framework does not know: an unlabelled expression's column seen through a subquery. It has no DDL.</summary>
    Unknown,
}
