using System.Collections.Concurrent;

namespace Framework.Sql;

/// <summary>
/// What Framework knows about one database's SQL: how to write bind parameters and what the database can do.
/// Each engine has one; <see cref="Executable.Compile(Dialect)"/> shows the SQL a statement becomes on it.
/// </summary>
public abstract class Dialect
{
    private const int CacheLimit = 2000;
    private readonly ConcurrentDictionary<object, Compiled> _compiled = new();
    private int _compileCount;

    /// <summary>The dialect's name: <c>postgresql</c>, <c>sqlite</c>, or <c>default</c> for the SQL a statement's <c>ToString()</c> shows.</summary>
    public abstract string Name { get; }

    /// <summary>Whether INSERT/UPDATE/DELETE … RETURNING is available.</summary>
    public abstract bool SupportsReturning { get; }

    /// <summary>Whether one INSERT may carry many VALUES rows.</summary>
    public virtual bool SupportsMultiRowInsert => true;

    /// <summary>Whether SAVEPOINT (nested transactions) is available.</summary>
    public virtual bool SupportsSavepoints => true;

    /// <summary>Whether ALTER TABLE can add and drop a foreign key (used to break cycles between tables).</summary>
    public virtual bool SupportsAlterForeignKey => true;

    /// <summary>Whether an enum can be a type of its own (PostgreSQL's <c>CREATE TYPE ... AS ENUM</c>); elsewhere it is VARCHAR with a CHECK constraint.</summary>
    internal virtual bool SupportsNativeEnums => false;

    /// <summary>Whether the database numbers a column only when it is the table's sole primary key (SQLite's rowid).</summary>
    internal virtual bool AutoincrementNeedsSoleKey => false;

    /// <summary>Whether <c>ILIKE</c> compares case-insensitively; elsewhere both sides are lowered: <c>lower(x) LIKE lower(y)</c>.</summary>
    internal virtual bool SupportsIlike => false;

    /// <summary>Whether SQL text may hold <c>$tag$ … $tag$</c> strings (PostgreSQL's), inside which <c>:name</c> is no parameter.</summary>
    internal virtual bool SupportsDollarQuotes => false;

    /// <summary>
    /// Whether an IN over a list of values is sent as one array parameter (<c>x = ANY($1)</c>, <c>x &lt;&gt; ALL($1)</c>), so its SQL
    /// is the same for any number of values; elsewhere it is one parameter per value (<c>x IN ($1, $2)</c>) in size classes.
    /// </summary>
    internal virtual bool BindsListsAsArrays => false;

    /// <summary>The most bind parameters one statement may carry.</summary>
    public abstract int MaxParameters { get; }

    /// <summary>The longest name, in UTF-8 bytes, the database keeps whole (PostgreSQL's 63); null when there is no such limit.</summary>
    internal virtual int? MaxIdentifierBytes => null;

    /// <summary>Whether bind markers are positional (<c>$1</c>, bound by order) rather than named (<c>@name</c>).</summary>
    internal abstract bool PositionalParameters { get; }

    /// <summary>The marker of the parameter at <paramref name="position"/> (0-based) named <paramref name="name"/>.</summary>
    internal abstract string BindMarker(int position, string name);

    /// <summary>The name of <paramref name="type"/> in this database's DDL.</summary>
    internal abstract string TypeName(SqlType type);

    /// <summary>What follows a bind marker of <paramref name="type"/> so the database reads it as that type (a PostgreSQL enum's <c>::name</c>), or null.</summary>
    internal virtual string? BindCast(SqlType type) => null;

    /// <summary>A compiler writing this dialect's SQL for one statement (<see cref="SqlCompiler(Dialect, IReadOnlyList{BindParameter}, object?, int)"/> says what the arguments are).</summary>
    internal virtual SqlCompiler CreateCompiler(IReadOnlyList<BindParameter> binds, object? parameters, int batchRows) =>
        new(this, binds, parameters, batchRows);

    /// <summary>How many compilations the shape cache has made (tests read it to see a shape compile once).</summary>
    internal int CompileCount => _compileCount;

    /// <summary>The DDL type of an integer column the database numbers itself.</summary>
    internal abstract string AutoincrementTypeName(SqlType type);

    /// <summary>
    /// The compiled form of a statement shape, compiled once per dialect. The cache is bounded: past its limit it
    /// starts over, so a flood of distinct shapes (text built by concatenation) cannot grow memory without end.
    /// </summary>
    internal Compiled GetOrCompile<TState>(object cacheKey, TState state, Func<TState, Dialect, Compiled> compile)
    {
        if (_compiled.TryGetValue(cacheKey, out var compiled))
            return compiled;
        if (_compiled.Count >= CacheLimit)
            _compiled.Clear();
        compiled = compile(state, this);
        compiled.CacheKey = cacheKey;
        Interlocked.Increment(ref _compileCount);
        _compiled.TryAdd(cacheKey, compiled);
        return compiled;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
