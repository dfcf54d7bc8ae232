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
        SqlTypeKind.Enum => type.Native ? Identifiers.Quote(type.RequireName(), this) : DdlCompiler.WithLength("VARCHAR", type),
        SqlTypeKind.Array => TypeName(type.RequireElementType()) + "[]",
        _ => "BYTEA",
    };

    internal override bool SupportsNativeEnums => true;

    internal override bool SupportsIlike => true;

    internal override bool SupportsDollarQuotes => true;

    // One statement shape for any number of values, on the server as in the shape cache; Npgsql sends a typed array.
    internal override bool BindsListsAsArrays => true;

    // Npgsql sends an enum's name as text, which PostgreSQL turns into the enum only when told to; and a string array as
    // text[], which has no operators with varchar[]. Other types need no cast, and must get none: a cast to VARCHAR(n) or
    // NUMERIC(p, s) would cut a value short where an insert would refuse it, so the varchar[] cast carries no length.
    internal override string? BindCast(SqlType type) => type switch
    {
        { Kind: SqlTypeKind.Enum, Native: true, Name: { } name } => "::" + Identifiers.Quote(name, this),
        { Kind: SqlTypeKind.Array, ElementType: { Kind: SqlTypeKind.Enum, Native: true, Name: { } name } } => "::" + Identifiers.Quote(name, this) + "[]",
        { Kind: SqlTypeKind.Array, ElementType.Kind: SqlTypeKind.String or SqlTypeKind.Enum } => "::VARCHAR[]",
        _ => null,
    };

    // SERIAL and its kin: an integer column with a sequence behind its default.
    internal override string AutoincrementTypeName(SqlType type) => type.Kind switch
    {
        SqlTypeKind.BigInteger => "BIGSERIAL",
        SqlTypeKind.SmallInteger => "SMALLSERIAL",
        _ => "SERIAL",
    };
}
