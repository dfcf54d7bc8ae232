using Framework.Sql;

namespace Framework.Dialects.Sqlite;

/// <summary>SQLite's SQL: <c>@p0</c>, <c>@p1</c>... parameters, RETURNING (SQLite 3.35+), savepoints.</summary>
public sealed class SqliteDialect : Dialect
{
    /// <summary>The shared instance.</summary>
    public static SqliteDialect Instance { get; } = new();

    internal SqliteDialect()
    {
    }

    /// <inheritdoc />
    public override string Name => "sqlite";

    /// <inheritdoc />
    public override bool SupportsReturning => true;

    /// <inheritdoc />
    public override int MaxParameters => 32766;

    internal override bool PositionalParameters => false;

    // By position, not by name: a name can be any column's, spaces and quotes included, and two slots may share one.
    internal override string BindMarker(int position, string name) => ParameterName(position);

    internal static string ParameterName(int position) => "@p" + position.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    /// <remarks>SQLite checks a foreign key only when rows change, so every key is written inline, cycles included.</remarks>
    public override bool SupportsAlterForeignKey => false;

    // Type names chosen for SQLite's affinity rules: JSON and UUIDs as TEXT, so a value like '123' is not turned into a number.
    internal override string TypeName(SqlType type) => type.Kind switch
    {
        SqlTypeKind.Integer => "INTEGER",
        SqlTypeKind.BigInteger => "BIGINT",
        SqlTypeKind.SmallInteger => "SMALLINT",
        SqlTypeKind.String => DdlCompiler.WithLength("VARCHAR", type),
        SqlTypeKind.Text or SqlTypeKind.Json => "TEXT",
        SqlTypeKind.Boolean => "BOOLEAN",
        SqlTypeKind.DateTime => "DATETIME",
        SqlTypeKind.Date => "DATE",
        SqlTypeKind.Time => "TIME",
        SqlTypeKind.Numeric => DdlCompiler.WithLength("NUMERIC", type),
        SqlTypeKind.Float => "REAL",
        SqlTypeKind.Double => "FLOAT",
        SqlTypeKind.Guid => "CHAR(36)",
        SqlTypeKind.Enum => DdlCompiler.WithLength("VARCHAR", type),
        SqlTypeKind.Array => throw new NotSupportedException("SQLite has no array type; store it as JSON (SqlType.Json) or in a child table."),
        _ => "BLOB",
    };

    internal override bool AutoincrementNeedsSoleKey => true;

    internal override SqlCompiler CreateCompiler(IReadOnlyList<BindParameter> binds, object? parameters, int batchRows) =>
        new SqliteCompiler(this, binds, parameters, batchRows);

    // Only a column declared exactly INTEGER PRIMARY KEY becomes the rowid, which SQLite numbers itself.
    internal override string AutoincrementTypeName(SqlType type) => "INTEGER";
}
