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

    internal Select(Sql.Select core, bool populateExisting = false, LoaderOption[]? options = null)
    {
        _core = core;
        PopulatesExisting = populateExisting;
        LoaderOptions = options ?? [];
        Loaded = LoadedColumns(LoaderOptions);
    }

    internal Select()
        : this(_all ??= Expressions.Select([.. DefaultColumns.Select(c => (object)c.Column)]))
    {
    }

    /// <summary>The mapping of <typeparamref name="T"/>.</summary>
    internal static EntityMapper<T> Mapper => T.Mapper;

    /// <summary>The mapped columns the SELECT reads, in order: the table's less deferred ones, as column loader options change them.</summary>
    internal MappedColumn[] Loaded { get; }

    /// <summary>The loader options.</summary>
    internal LoaderOption[] LoaderOptions { get; }

    private static MappedColumn[] DefaultColumns => _loaded ??= [.. T.Mapper.Columns.Where(c => !c.Deferred)];

    private static MappedColumn[] LoadedColumns(LoaderOption[] options)
    {
        if (options.Length == 0)
            return DefaultColumns;
        var mapper = T.Mapper;
        var loaded = mapper.Columns.Where(c => !c.Deferred).ToList();
        foreach (var step in options.Select(o => o.Steps[0]).Where(s => s.Relationship is null && ReferenceEquals(s.Mapper, mapper)))
        {
            switch (step.ColumnLoading)
            {
                case ColumnLoading.Defer:
                    loaded.RemoveAll(c => step.Columns.Contains(c) && !c.Column.PrimaryKey);
                    break;
                case ColumnLoading.Undefer:
                    loaded.AddRange(step.Columns.Where(c => !loaded.Contains(c)));
                    break;
                default:
                    loaded.RemoveAll(c => !step.Columns.Contains(c) && !c.Column.PrimaryKey);
                    loaded.AddRange(step.Columns.Where(c => !loaded.Contains(c)));
                    break;
            }
        }
        // Table order, so the same options give the same statement.
        return [.. mapper.Columns.Where(loaded.Contains)];
    }

    /// <summary>The Core SELECT this statement is.</summary>
    internal Sql.Select Core => _core;

    /// <summary>Whether the rows overwrite the attributes of instances the session already holds (<see cref="PopulateExisting"/>).</summary>
    internal bool PopulatesExisting { get; }

    private Select<T> With(Sql.Select core) => new(core, PopulatesExisting, LoaderOptions);

    /// <summary>
    /// Adds loader options: how relationships load (<c>SelectInLoad</c>, <c>JoinedLoad</c>, <c>RaiseLoad</c>, ...) and
    /// which columns the SELECT reads (<c>Defer</c>, <c>Undefer</c>, <c>LoadOnly</c>).
    /// </summary>
    public Select<T> Options(params LoaderOption[] options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var option in options)
        {
            if (!ReferenceEquals(option.Steps[0].Mapper, T.Mapper))
                throw new ArgumentException($"The option {option} starts from {option.Steps[0].Mapper.EntityType.Name}, but this SELECT loads {typeof(T).Name}.", nameof(options));
        }
        LoaderOption[] all = [.. LoaderOptions, .. options];
        var loaded = LoadedColumns(all);
        return new(_core.WithColumns([.. loaded.Select(c => (ColumnElement)c.Column)]), PopulatesExisting, all);
    }

    /// <summary>
    /// Makes the rows overwrite the loaded attributes of instances the identity map already holds (SQLAlchemy's
    /// <c>populate_existing</c>), discarding their unflushed changes to them; by default such instances keep their state.
    /// </summary>
    public Select<T> PopulateExisting() => new(_core, populateExisting: true, LoaderOptions);

    /// <summary>Adds a WHERE condition written over the entity; several are joined with AND.</summary>
    public Select<T> Where(Expression<Func<T, bool>> predicate) => With(_core.Where(LambdaTranslator.Translate(T.Mapper, predicate)));

    /// <summary>Adds a WHERE condition written in Core expressions (over <c>T.Mapper.Table</c>'s columns).</summary>
    public Select<T> Where(ColumnElement condition) => With(_core.Where(condition));

    /// <summary>Orders by a value of the entity, ascending.</summary>
    public Select<T> OrderBy<TKey>(Expression<Func<T, TKey>> key) => With(_core.OrderBy(LambdaTranslator.Translate(T.Mapper, key)));

    /// <summary>Orders by a value of the entity, descending.</summary>
    public Select<T> OrderByDescending<TKey>(Expression<Func<T, TKey>> key) => With(_core.OrderBy(LambdaTranslator.Translate(T.Mapper, key).Desc()));

    /// <summary>Adds ORDER BY terms written in Core expressions.</summary>
    public Select<T> OrderBy(params ColumnElement[] terms) => With(_core.OrderBy(terms));

    /// <summary>
    /// Joins the table of a relationship (<c>Join(a =&gt; a.Bs)</c>; a many-to-many through its association table), so
    /// Core conditions and ordering can use its columns, and <c>ContainsEager</c> can fill the relationship from it.
    /// </summary>
    public Select<T> Join(Expression<Func<T, object?>> relationship, bool outer = false)
    {
        var found = Loaders.Relationship(relationship, LazyStrategy.Select).Relationship!;
        var core = _core;
        if (found.Direction == RelationshipDirection.ManyToMany)
        {
            core = Add(core, found.Secondary!, And(found.Pairs.Select(p => p.ChildColumn == p.ParentColumn)), outer);
            return With(Add(core, found.Target.Table, And(found.TargetPairs.Select(p => p.Secondary == p.Target.Column)), outer));
        }
        return With(Add(core, found.Target.Table, And(found.Pairs.Select(p => p.ParentColumn == p.ChildColumn)), outer));

        static Sql.Select Add(Sql.Select core, FromClause table, ColumnElement on, bool outer) => outer ? core.OuterJoin(table, on) : core.Join(table, on);
        static ColumnElement And(IEnumerable<ColumnElement> terms) => terms.Aggregate((a, b) => a & b);
    }

    /// <summary>Returns at most <paramref name="count"/> entities.</summary>
    public Select<T> Limit(int count) => With(_core.Limit(count));

    /// <summary>Skips the first <paramref name="count"/> entities.</summary>
    public Select<T> Offset(int count) => With(_core.Offset(count));

    /// <summary>SELECT ... FOR UPDATE: locks the rows read until the transaction ends (PostgreSQL).</summary>
    public Select<T> ForUpdate(bool noWait = false, bool skipLocked = false) => With(_core.ForUpdate(noWait, skipLocked));

    internal override IReadOnlyList<ColumnElement> ResultColumns => _core.ResultColumns;

    internal override bool HasTail => _core.HasTail;

    internal override void CompileBody(SqlCompiler compiler) => _core.CompileBody(compiler);

    internal override void AddKey(KeyBuilder key) => _core.AddKey(key);
}
