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
}
