namespace Framework.Sql;

/// <summary>A statement a connection can run: <see cref="TextClause"/> and the expression language's statements.</summary>
public abstract class Executable
{
    /// <summary>
    /// Compiles the statement for <paramref name="dialect"/>: its SQL, parameter names and the values it carries.
    /// Statements of the same shape share one compilation.
    /// </summary>
    public Compiled Compile(Dialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return CompileCached(dialect, parameters: null).WithValues(BoundValues);
    }

    /// <summary>
    /// The statement compiled for <paramref name="dialect"/>; <paramref name="parameters"/> are the (first set of)
    /// values the caller passes, which decide the columns of an INSERT that names none.
    /// </summary>
    internal abstract Compiled CompileCached(Dialect dialect, object? parameters);

    /// <summary>The values the statement carries, in the order its compiled form's slots refer to them.</summary>
    internal virtual BindParameter[] BoundValues => [];

    /// <summary>Checks the parameter sets of an executemany before anything runs; statements whose SQL depends on the keys require the same keys in every set.</summary>
    internal virtual void CheckParameterSets(IReadOnlyList<object> sets)
    {
    }
}
