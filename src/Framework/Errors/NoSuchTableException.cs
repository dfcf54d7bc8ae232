using Framework.Sql;
namespace Framework;

/// <summary>
/// The inspector was asked about a table (or view) the database does not have (SQLAlchemy's <c>NoSuchTableError</c>).
/// </summary>
public sealed class NoSuchTableException : FrameworkException
{
    /// <summary>Creates the exception for <paramref name="table"/> in <paramref name="schema"/> (null: the default schema).</summary>
    public NoSuchTableException(string table, string? schema)
        : base($"There is no table or view {Identifiers.Quoted(table)} in {(schema is null ? "the default schema" : $"schema {Identifiers.Quoted(schema)}")}. " +
            "Check the name and schema, ask Inspector.HasTable first, or create the table (MetaData.CreateAll). (FWK2005)")
    {
        Table = table;
        Schema = schema;
    }

    /// <summary>The table that was asked for.</summary>
    public string Table { get; }

    /// <summary>The schema that was asked for; null for the default schema.</summary>
    public string? Schema { get; }

    /// <inheritdoc />
    public override string Code => "FWK2005";
}
