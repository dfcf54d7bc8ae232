using System.Linq.Expressions;
using Framework.Sql;

namespace Framework.Orm;

/// <summary>
/// An ORM SELECT of <typeparamref name="T"/> entities (<c>Select&lt;A&gt;()</c>): the columns of its table, filtered
/// and ordered by lambdas over the entity (<c>Where(a =&gt; a.Data == "x")</c>) or by Core expressions on the mapped
/// table. A session's ExecuteAsync returns the entities, from its identity map where it has them. Immutable: each
/// method returns a new statement.
/// </summary>
/// <typeparam name="T">The entity type.</typeparam>
public sealed class Select<T> : SelectBase
    where T : class, IMapped<T>
{
    // Built once per entity type, on first use (not in a static constructor, so a mapping error surfaces as itself):
    // every Select<T>() starts from the same immutable SELECT of the same columns, and each Where, OrderBy or Limit
    // made a new statement that listed them again.
    private static MappedColumn[]? _loaded;
    private static Sql.Select? _all;

    private readonly Sql.Select _core;

    internal Select(Sql.Select core) => _core = core;

    internal Select()
        : this(_all ??= Expressions.Select([.. LoadedColumns.Select(c => (object)c.Column)]))
    {
    }

    /// <summary>The mapping of <typeparamref name="T"/>.</summary>
    internal static EntityMapper<T> Mapper => T.Mapper;

    /// <summary>The mapped columns the SELECT reads, in order (the table's, less deferred ones).</summary>
    internal MappedColumn[] Loaded => LoadedColumns;

    private static MappedColumn[] LoadedColumns => _loaded ??= [.. T.Mapper.Columns.Where(c => !c.Deferred)];

    /// <summary>The Core SELECT this statement is.</summary>
    internal Sql.Select Core => _core;

    /// <summary>Adds a WHERE condition written over the entity; several are joined with AND.</summary>
    public Select<T> Where(Expression<Func<T, bool>> predicate) => new(_core.Where(LambdaTranslator.Translate(T.Mapper, predicate)));

    /// <summary>Adds a WHERE condition written in Core expressions (over <c>T.Mapper.Table</c>'s columns).</summary>
    public Select<T> Where(ColumnElement condition) => new(_core.Where(condition));

    /// <summary>Orders by a value of the entity, ascending.</summary>
    public Select<T> OrderBy<TKey>(Expression<Func<T, TKey>> key) => new(_core.OrderBy(LambdaTranslator.Translate(T.Mapper, key)));

    /// <summary>Orders by a value of the entity, descending.</summary>
    public Select<T> OrderByDescending<TKey>(Expression<Func<T, TKey>> key) => new(_core.OrderBy(LambdaTranslator.Translate(T.Mapper, key).Desc()));

    /// <summary>Adds ORDER BY terms written in Core expressions.</summary>
    public Select<T> OrderBy(params ColumnElement[] terms) => new(_core.OrderBy(terms));

    /// <summary>Returns at most <paramref name="count"/> entities.</summary>
    public Select<T> Limit(int count) => new(_core.Limit(count));

    /// <summary>Skips the first <paramref name="count"/> entities.</summary>
    public Select<T> Offset(int count) => new(_core.Offset(count));

    /// <summary>SELECT ... FOR UPDATE: locks the rows read until the transaction ends (PostgreSQL).</summary>
    public Select<T> ForUpdate(bool noWait = false, bool skipLocked = false) => new(_core.ForUpdate(noWait, skipLocked));

    internal override IReadOnlyList<ColumnElement> ResultColumns => _core.ResultColumns;

    internal override bool HasTail => _core.HasTail;

    internal override void CompileBody(SqlCompiler compiler) => _core.CompileBody(compiler);

    internal override void AddKey(KeyBuilder key) => _core.AddKey(key);
}
