using Framework.Sql;

namespace Framework.Dialects.Sqlite;

/// <summary>SQLite's SQL: named <c>@name</c> parameters, RETURNING (SQLite 3.35+), savepoints.</summary>
public sealed class SqliteDialect : Dialect
{
    /// <summary>The shared instance.</summary>
    public static SqliteDialect Instance { get; } = new();

    private SqliteDialect()
    {
    }

    /// <inheritdoc />
    public override string Name => "sqlite";

    /// <inheritdoc />
    public override bool SupportsReturning => true;

    /// <inheritdoc />
    public override int MaxParameters => 32766;

    internal override bool PositionalParameters => false;

    internal override string BindMarker(int position, string name) => "@" + name;
}
