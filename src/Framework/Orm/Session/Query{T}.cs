namespace Framework.Orm;

/// <summary>The legacy query API over an ORM SELECT, run by its session when a result is asked for.</summary>
/// <typeparam name="T">The entity type.</typeparam>
public sealed class Query<T>
    where T : class, IMapped<T>
{
    private readonly Session _session;
    private readonly Select<T> _select;

    internal Query(Session session, Select<T> select)
    {
        _session = session;
        _select = select;
    }

    /// <summary>Adds a condition (SQLAlchemy's filter).</summary>
    public Query<T> Where(System.Linq.Expressions.Expression<Func<T, bool>> predicate) => new(_session, _select.Where(predicate));

    /// <summary>Adds a condition (SQLAlchemy's filter).</summary>
    public Query<T> Filter(System.Linq.Expressions.Expression<Func<T, bool>> predicate) => Where(predicate);

    /// <summary>Orders ascending.</summary>
    public Query<T> OrderBy<TKey>(System.Linq.Expressions.Expression<Func<T, TKey>> key) => new(_session, _select.OrderBy(key));

    /// <summary>Orders descending.</summary>
    public Query<T> OrderByDescending<TKey>(System.Linq.Expressions.Expression<Func<T, TKey>> key) => new(_session, _select.OrderByDescending(key));

    /// <summary>At most <paramref name="count"/> entities.</summary>
    public Query<T> Limit(int count) => new(_session, _select.Limit(count));

    /// <summary>Skips <paramref name="count"/> entities.</summary>
    public Query<T> Offset(int count) => new(_session, _select.Offset(count));

    /// <summary>Every entity.</summary>
    public IReadOnlyList<T> All() => _session.Scalars(_select).All();

    /// <summary>The first entity, or null.</summary>
    public T? First() => _session.Scalars(_select.Limit(1)).First();

    /// <summary>Exactly one entity.</summary>
    public T One() => _session.Scalars(_select).One();

    /// <summary>One entity, or null.</summary>
    public T? OneOrNone() => _session.Scalars(_select).OneOrNone();

    /// <summary>The instance with this primary key.</summary>
    public T? Get(object id) => _session.Get<T>(id);
}
