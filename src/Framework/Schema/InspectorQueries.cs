using Framework.Sql;

namespace Framework;

/// <summary>
/// The catalog queries of one database, chosen by the engine's driver (<see cref="Driver.InspectorQueries"/>), so the
/// inspector itself holds no per-database branches. Each query is written once with <c>bool async</c>, and binds every
/// name it looks up as a parameter.
/// </summary>
internal abstract class InspectorQueries
{
    /// <summary>The names of the tables in <paramref name="schema"/> (null: the default schema).</summary>
    public abstract ValueTask<IReadOnlyList<string>> GetTableNames(Connection connection, bool async, string? schema, CancellationToken cancellationToken);

    /// <summary>The names of the views in <paramref name="schema"/>.</summary>
    public abstract ValueTask<IReadOnlyList<string>> GetViewNames(Connection connection, bool async, string? schema, CancellationToken cancellationToken);

    /// <summary>Finds a table or view; null when there is none. The other queries take what this returns.</summary>
    public abstract ValueTask<InspectedTable?> FindTable(Connection connection, bool async, string table, string? schema, CancellationToken cancellationToken);

    /// <summary>The columns of <paramref name="table"/>, in ordinal order.</summary>
    public abstract ValueTask<IReadOnlyList<ReflectedColumn>> GetColumns(Connection connection, bool async, InspectedTable table, CancellationToken cancellationToken);

    /// <summary>The primary key of <paramref name="table"/>; no columns when it has none.</summary>
    public abstract ValueTask<ReflectedPrimaryKey> GetPrimaryKey(Connection connection, bool async, InspectedTable table, CancellationToken cancellationToken);

    /// <summary>The foreign keys of <paramref name="table"/>.</summary>
    public abstract ValueTask<IReadOnlyList<ReflectedForeignKey>> GetForeignKeys(Connection connection, bool async, InspectedTable table, CancellationToken cancellationToken);

    /// <summary>The indexes of <paramref name="table"/>, without those behind its primary key and UNIQUE constraints.</summary>
    public abstract ValueTask<IReadOnlyList<ReflectedIndex>> GetIndexes(Connection connection, bool async, InspectedTable table, CancellationToken cancellationToken);

    /// <summary>The UNIQUE constraints of <paramref name="table"/>.</summary>
    public abstract ValueTask<IReadOnlyList<ReflectedUniqueConstraint>> GetUniqueConstraints(Connection connection, bool async, InspectedTable table, CancellationToken cancellationToken);

    /// <summary>The names of the enum types in <paramref name="schema"/> (null: the default schema); none where enums are not types of their own.</summary>
    public virtual ValueTask<IReadOnlyList<string>> GetEnumNames(Connection connection, bool async, string? schema, CancellationToken cancellationToken) =>
        new([]);

    /// <summary>Runs a catalog query through the connection's core and buffers its rows.</summary>
    protected static async ValueTask<IReadOnlyList<Row>> Query(Connection connection, bool async, TextClause sql, IReadOnlyDictionary<string, object?> parameters,
        CancellationToken cancellationToken) =>
        (await connection.Execute(async, sql, parameters, null, stream: false, cancellationToken).ConfigureAwait(false)).All();

    /// <summary>The first column of each row as a string, sorted ordinally (catalog collations differ between databases).</summary>
    protected static IReadOnlyList<string> SortedNames(IReadOnlyList<Row> rows)
    {
        var names = new string[rows.Count];
        for (var i = 0; i < names.Length; i++)
            names[i] = rows[i].Get<string>(0);
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    /// <summary>
    /// Splits rows ordered by a key (a constraint or index) into consecutive runs with the same key, keeping their order;
    /// each run becomes one reflected object.
    /// </summary>
    protected static List<List<Row>> Runs(IReadOnlyList<Row> rows, Func<Row, object?> key)
    {
        var runs = new List<List<Row>>();
        object? last = null;
        foreach (var row in rows)
        {
            var current = key(row);
            if (runs.Count == 0 || !Equals(current, last))
                runs.Add([]);
            runs[^1].Add(row);
            last = current;
        }
        return runs;
    }

    /// <summary>The database's spelling of a referential action, with NO ACTION (the default) as null, as SQLAlchemy reports it.</summary>
    protected static string? ReferentialAction(string? action) =>
        action is null || action.Equals("NO ACTION", StringComparison.OrdinalIgnoreCase) ? null : action.ToUpperInvariant();
}

/// <summary>A table or view the inspector found: its name and schema as the database spells them, and a database-specific key (an oid on PostgreSQL).</summary>
internal sealed record InspectedTable(string Name, string Schema, object? Key);
