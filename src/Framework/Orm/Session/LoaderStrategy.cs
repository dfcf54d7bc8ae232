using Framework.Orm.Internal;

namespace Framework.Orm;

/// <summary>
/// How a relationship loads (SQLAlchemy's loader strategies, <c>orm/strategies.py</c>): one subclass per strategy, one
/// instance of each, found by the <see cref="LazyStrategy"/> a relationship is mapped with or a loader option names.
/// A new strategy is a subclass and one line in <see cref="Registry"/> (and, to be chosen by option, a factory in
/// <see cref="Loaders"/>). A strategy works per relationship per query, never per row.
/// </summary>
internal abstract class LoaderStrategy(string name)
{
    // Indexed by LazyStrategy: each strategy a relationship can be mapped with, registered once.
    private static readonly LoaderStrategy[] Registry = Register(
        new LazySelectStrategy(),
        new SelectInStrategy(),
        new JoinedStrategy(),
        new ImmediateStrategy(),
        new RaiseStrategy(LazyStrategy.Raise),
        new RaiseStrategy(LazyStrategy.RaiseOnSql),
        new NoLoadStrategy(),
        new WriteOnlyStrategy());

    /// <summary>The strategy a relationship mapped with <paramref name="lazy"/> has.</summary>
    public static LoaderStrategy Of(LazyStrategy lazy) => Registry[(int)lazy];

    /// <summary>ContainsEager: an option only (no relationship is mapped with it), so it has no <see cref="LazyStrategy"/>.</summary>
    public static LoaderStrategy ContainsEager { get; } = new ContainsEagerStrategy();

    // Read for each row an ORM SELECT reads, so a table by enum value rather than a virtual call per row.
    private static readonly bool[] Never = [.. Registry.Select(strategy => strategy.LoadsNothing)];

    /// <summary>
    /// Whether a relationship mapped with <paramref name="lazy"/> never loads (NoLoad, WriteOnly): a new instance starts
    /// with it loaded and expiring leaves it alone.
    /// </summary>
    public static bool NeverLoads(LazyStrategy lazy) => Never[(int)lazy];

    /// <summary>Whether this strategy never loads the relationship from the database (see <see cref="NeverLoads"/>).</summary>
    protected virtual bool LoadsNothing => false;

    /// <summary>The name a loader path prints (<c>SelectIn(A.Bs)</c>).</summary>
    public string Name { get; } = name;

    /// <summary>The value of <see cref="LazyStrategy"/> this strategy is registered under, or null for an option-only strategy.</summary>
    public abstract LazyStrategy? Lazy { get; }

    /// <summary>Whether a relationship mapped with this strategy loads with every query of its entity, unasked (eager).</summary>
    public virtual bool LoadsWithQuery => false;

    /// <summary>Whether, named at the first level of a query, the relationship's rows are read in the query's own SELECT.</summary>
    public virtual bool JoinsQuery(MappedRelationship relationship, EntityMapper queried) => false;

    /// <summary>Whether the rows come from a join the statement made itself (ContainsEager) rather than one the loader adds.</summary>
    public virtual bool ReadsStatementJoin => false;

    /// <summary>Whether a collection loaded so repeats its parent's rows in the result, which then needs <c>Unique()</c>.</summary>
    public virtual bool RepeatsParentRows => false;

    /// <summary>
    /// Applies the strategy to the instances of one level of a query whose relationship is not loaded; returns the
    /// instances it loaded, which the next level of a loader path starts from.
    /// </summary>
    public abstract ValueTask<List<EntityState>> Apply(EntityLoader loader, List<EntityState> pending, MappedRelationship relationship, bool async,
        CancellationToken cancellationToken);

    /// <summary>The loaded instances of a strategy that loads nothing.</summary>
    protected static ValueTask<List<EntityState>> Nothing() => new([]);

    private static LoaderStrategy[] Register(params LoaderStrategy[] strategies)
    {
        var registry = new LoaderStrategy[Enum.GetValues<LazyStrategy>().Length];
        foreach (var strategy in strategies)
            registry[(int)strategy.Lazy!.Value] = strategy;
        return registry;
    }
}
