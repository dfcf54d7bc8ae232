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

    /// <summary>
    /// Describes the element's shape to <paramref name="key"/>: everything that decides its SQL, and its values as
    /// bind parameters. Elements of equal keys compile to the same SQL.
    /// </summary>
    internal abstract void AddKey(KeyBuilder key);

    /// <summary>How tightly this element binds, as SQL parses it: an operand that binds no tighter than its operator is parenthesized.</summary>
    internal virtual int Precedence => Precedences.Atom;

    /// <summary>Adds the tables (and aliases, subqueries, CTEs) this element reads, in order of appearance, so a statement can infer its FROM.</summary>
    internal virtual void CollectFroms(List<FromClause> froms)
    {
    }

    internal static void AddFrom(List<FromClause> froms, FromClause from)
    {
        if (!froms.Contains(from))
            froms.Add(from);
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
    public const int Is = 5;         // IS NULL, IS NOT NULL: as loose as comparisons, so either is parenthesized inside the other
    public const int Additive = 8;   // + - || (|| shares it so mixed chains are always parenthesized: the databases rank || differently)
    public const int Multiplicative = 9; // * / %
    public const int Atom = 100;     // columns, parameters, function calls
}
