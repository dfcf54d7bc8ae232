namespace Framework.Sql;

/// <summary>A statement a connection can run: <see cref="TextClause"/> now, and the expression language's statements.</summary>
public abstract class Executable
{
    /// <summary>Compiles the statement for <paramref name="dialect"/>; repeated calls for the same shape reuse the first compilation.</summary>
    public Compiled Compile(Dialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return CompileCached(dialect, parameters: null);
    }

    /// <summary>
    /// The statement compiled for <paramref name="dialect"/>; <paramref name="parameters"/> are the (first set of)
    /// values the caller passes, which decide the columns of an INSERT that names none.
    /// </summary>
    internal abstract Compiled CompileCached(Dialect dialect, object? parameters);

    /// <summary>Checks the parameter sets of an executemany before anything runs; statements whose SQL depends on the keys require the same keys in every set.</summary>
    internal virtual void CheckParameterSets(IReadOnlyList<object> sets)
    {
    }
}
