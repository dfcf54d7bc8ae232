namespace Framework.Sql;

/// <summary>
/// The SQL a statement's <c>ToString()</c> shows, in no database's dialect (SQLAlchemy's StrSQLCompiler): parameters by
/// name, <c>:param_1</c> or <c>:name</c>, and the SQL standard's type names. It is for reading; an engine runs its own dialect.
/// </summary>
internal sealed class StringDialect : Dialect
{
    public static StringDialect Instance { get; } = new();

    private StringDialect()
    {
    }

    public override string Name => "default";

    public override bool SupportsReturning => true;

    public override int MaxParameters => int.MaxValue;

    internal override bool PositionalParameters => false;

    // ILIKE says "case-insensitive" more plainly than lower() on both sides; $tag$ strings are read as PostgreSQL reads them,
    // so a colon inside one is not shown as a parameter.
    internal override bool SupportsIlike => true;

    internal override bool SupportsDollarQuotes => true;

    internal override string BindMarker(int position, string name) => ":" + name;

    internal override string TypeName(SqlType type) => type.Kind switch
    {
        SqlTypeKind.Integer => "INTEGER",
        SqlTypeKind.BigInteger => "BIGINT",
        SqlTypeKind.SmallInteger => "SMALLINT",
        SqlTypeKind.String or SqlTypeKind.Enum => DdlCompiler.WithLength("VARCHAR", type),
        SqlTypeKind.Text => "TEXT",
        SqlTypeKind.Boolean => "BOOLEAN",
        SqlTypeKind.DateTime => type.Timezone ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP",
        SqlTypeKind.Date => "DATE",
        SqlTypeKind.Time => "TIME",
        SqlTypeKind.Numeric => DdlCompiler.WithLength("NUMERIC", type),
        SqlTypeKind.Float => "REAL",
        SqlTypeKind.Double => "DOUBLE PRECISION",
        SqlTypeKind.Guid => "UUID",
        SqlTypeKind.Json => "JSON",
        SqlTypeKind.Array => TypeName(type.RequireElementType()) + " ARRAY",
        _ => "BLOB",
    };

    internal override string AutoincrementTypeName(SqlType type) => TypeName(type);
}
