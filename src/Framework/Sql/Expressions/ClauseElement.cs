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

    /// <summary>How tightly this element binds, as SQL parses it: an operand that binds no tighter than its operator is parenthesized.</summary>
    internal virtual int Precedence => Precedences.Atom;

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

/// <summary>Operator precedences, loosest first, as PostgreSQL and SQLite parse them.</summary>
internal static class Precedences
{
    public const int Ordering = 0;   // ASC, DESC, AS
    public const int Or = 2;
    public const int And = 3;
    public const int Not = 4;
    public const int Comparison = 5; // = <> < > <= >= IN BETWEEN LIKE
    public const int Is = 6;         // IS NULL, IS NOT NULL
    public const int Atom = 100;     // columns, parameters, function calls
}
