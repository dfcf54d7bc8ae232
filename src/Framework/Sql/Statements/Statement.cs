using System.Collections.Concurrent;

namespace Framework.Sql;

/// <summary>
/// The base of the expression language's statements: immutable (each builder method returns a new statement),
/// compiled once per dialect and kept with the statement, so a statement object reused in a loop compiles once.
/// </summary>
public abstract class Statement : Executable
{
    private readonly ConcurrentDictionary<(Dialect, string), Compiled> _compiled = new();

    internal override Compiled CompileCached(Dialect dialect, object? parameters)
    {
        var variant = Variant(parameters);
        return _compiled.GetOrAdd((dialect, variant), static (key, state) =>
        {
            var compiler = new SqlCompiler(key.Item1);
            state.Statement.Compile(compiler, state.Parameters);
            return compiler.Finish();
        }, (Statement: this, Parameters: parameters));
    }

    /// <summary>What besides the dialect changes the SQL (an INSERT's columns come from the caller's keys); empty by default.</summary>
    private protected virtual string Variant(object? parameters) => "";

    private protected abstract void Compile(SqlCompiler compiler, object? parameters);

    /// <summary>The SQL as PostgreSQL would receive it, for reading.</summary>
    public override string ToString() => Compile(Dialects.PostgreSql.PostgreSqlDialect.Instance).Sql;
}
