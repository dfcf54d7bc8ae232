using System.Globalization;
using Framework.Sql;

namespace Framework.Dialects.PostgreSql;

/// <summary>PostgreSQL's SQL: positional <c>$n</c> parameters, RETURNING, savepoints.</summary>
public sealed class PostgreSqlDialect : Dialect
{
    /// <summary>The shared instance.</summary>
    public static PostgreSqlDialect Instance { get; } = new();

    private PostgreSqlDialect()
    {
    }

    /// <inheritdoc />
    public override string Name => "postgresql";

    /// <inheritdoc />
    public override bool SupportsReturning => true;

    /// <inheritdoc />
    public override int MaxParameters => 65535;

    internal override bool PositionalParameters => true;

    internal override string BindMarker(int position, string name) => "$" + (position + 1).ToString(CultureInfo.InvariantCulture);
}
