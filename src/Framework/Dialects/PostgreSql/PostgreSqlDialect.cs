using System.Globalization;
using Framework.Sql;

namespace Framework.Dialects.PostgreSql;

/// <summary>PostgreSQL's SQL: positional <c>$n</c> parameters, RETURNING, savepoints.</summary>
public sealed class PostgreSqlDialect : Dialect
{
    /// <summary>The shared instance.</summary>
    public static PostgreSqlDialect Instance { get; } = new();

    internal PostgreSqlDialect()
    {
    }

    /// <inheritdoc />
    public override string Name => "postgresql";

    /// <inheritdoc />
    public override bool SupportsReturning => true;

    /// <inheritdoc />
    public override int MaxParameters => 65535;

    // NAMEDATALEN - 1: a longer name is cut to this many bytes with only a NOTICE.
    internal override int? MaxIdentifierBytes => 63;

    internal override bool PositionalParameters => true;

    internal override string BindMarker(int position, string name) => "$" + (position + 1).ToString(CultureInfo.InvariantCulture);

    internal override string TypeName(SqlType type) => type.Kind switch
    {
        SqlTypeKind.Integer => "INTEGER",
        SqlTypeKind.BigInteger => "BIGINT",
        SqlTypeKind.SmallInteger => "SMALLINT",
        SqlTypeKind.String => DdlCompiler.WithLength("VARCHAR", type),
        SqlTypeKind.Text => "TEXT",
        SqlTypeKind.Boolean => "BOOLEAN",
        SqlTypeKind.DateTime => type.Timezone ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP WITHOUT TIME ZONE",
        SqlTypeKind.Date => "DATE",
        SqlTypeKind.Time => "TIME WITHOUT TIME ZONE",
        SqlTypeKind.Numeric => DdlCompiler.WithLength("NUMERIC", type),
        SqlTypeKind.Float => "REAL",
        SqlTypeKind.Double => "DOUBLE PRECISION",
        SqlTypeKind.Guid => "UUID",
        SqlTypeKind.Json => "JSONB",
        _ => "BYTEA",
    };

    // SERIAL and its kin: an integer column with a sequence behind its default.
    internal override string AutoincrementTypeName(SqlType type) => type.Kind switch
    {
        SqlTypeKind.BigInteger => "BIGSERIAL",
        SqlTypeKind.SmallInteger => "SMALLSERIAL",
        _ => "SERIAL",
    };
}
