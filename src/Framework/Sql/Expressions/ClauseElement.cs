namespace Framework.Sql;

/// <summary>
/// A piece of a SQL statement: immutable, compiled per dialect by <see cref="SqlCompiler"/>. Every literal value
/// inside becomes a bound parameter, never text in the SQL.
/// </summary>
public abstract class ClauseElement
{
    private protected ClauseElement()
    {
    }

    internal abstract void Compile(SqlCompiler compiler);

    /// <summary>Adds the tables this element reads, in order of appearance, so a SELECT can infer its FROM.</summary>
    internal virtual void CollectTables(List<Table> tables)
    {
    }

    internal static void AddTable(List<Table> tables, Table table)
    {
        if (!tables.Contains(table))
            tables.Add(table);
    }
}
