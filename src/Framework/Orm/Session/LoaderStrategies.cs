using Framework.Orm.Internal;
using Framework.Sql;

namespace Framework.Orm;

internal sealed partial class SessionCore
{
    /// <summary>
    /// Runs an ORM SELECT with its loader options: joined relationships of the queried entity in the same SELECT, then
    /// the selectin and immediate ones (and the relationships whose default strategy is eager) level by level.
    /// </summary>
    private async ValueTask<List<object>> LoadWithOptions<T>(bool async, Select<T> statement, bool populateExisting, CancellationToken cancellationToken)
        where T : class, IMapped<T>
    {
        var mapper = T.Mapper;
        var paths = statement.LoaderOptions.Select(o => o.Steps).Where(p => p[0].Relationship is not null).ToList();
        if (paths.Count == 0 && !mapper.Relationships.Any(r => r.Lazy is LazyStrategy.SelectIn or LazyStrategy.Joined or LazyStrategy.Immediate))
            return await Load(async, statement, statement.Loaded, populateExisting, cancellationToken).ConfigureAwait(false);

        // Relationships joined into this SELECT: many-to-one and one-to-many of another table (others load by selectin).
        var joined = mapper.Relationships.Where(r => Strategy(paths, 0, r) is LoaderKind.ContainsEager
            || (Strategy(paths, 0, r) == LoaderKind.Joined && r.Direction != RelationshipDirection.ManyToMany && !ReferenceEquals(r.Target, mapper))).ToList();
        var core = statement.Core;
        var columns = statement.Loaded;
        var page = joined.Count > 0 ? PageOf(core, mapper, columns, joined, paths) : null;
        if (page is not null)
            core = new Sql.Select([], [page]).OrderBy([.. core.Ordering.Select(t => OnPage(t, page, mapper.Table))]);
        var segments = new List<(MappedRelationship Relationship, MappedColumn[] Columns, int Offset)>();
        var offset = columns.Length;
        var selected = columns.Select(c => OnPage(c.Column, page, mapper.Table)).ToList();
        foreach (var relationship in joined)
        {
            MappedColumn[] targetColumns = [.. relationship.Target.Columns.Where(c => !c.Deferred)];
            ColumnElement on = null!;
            foreach (var pair in relationship.Pairs)
            {
                var term = OnPage(pair.ParentColumn, page, mapper.Table) == OnPage(pair.ChildColumn, page, mapper.Table);
                on = on is null ? term : on & term;
            }
            // ContainsEager reads the columns of a table the statement joined itself.
            if (Strategy(paths, 0, relationship) != LoaderKind.ContainsEager)
            {
                var inner = paths.Where(p => p[0].Relationship == relationship).Select(p => p[0].InnerJoin).LastOrDefault();
                core = inner ? core.Join(relationship.Target.Table, on) : core.OuterJoin(relationship.Target.Table, on);
            }
            selected.AddRange(targetColumns.Select(c => (ColumnElement)c.Column));
            segments.Add((relationship, targetColumns, offset));
            offset += targetColumns.Length;
        }
        List<object> entities;
        if (segments.Count == 0)
        {
            entities = await Load(async, statement, columns, populateExisting, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var rows = await Rows(async, core.WithColumns([.. selected]), [], cancellationToken).ConfigureAwait(false);
            entities = new List<object>(rows.Count);
            var related = new Dictionary<(EntityState, MappedRelationship), List<object>>();
            foreach (var row in rows)
            {
                var parent = Materialize(columns, row, populateExisting);
                entities.Add(parent);
                var state = parent.EntityState;
                foreach (var (relationship, targetColumns, at) in segments)
                {
                    // A relationship loaded before this query keeps what it holds; one seen unloaded gathers its rows.
                    if (!related.TryGetValue((state, relationship), out var items))
                    {
                        if (state.IsLoaded(relationship.Index))
                            continue;
                        related[(state, relationship)] = items = [];
                    }
                    // A LEFT OUTER JOIN that matched nothing gives a null key.
                    if (HasNullKey(relationship.Target, targetColumns, row, at))
                        continue;
                    var child = Materialize(targetColumns, row, populateExisting, at);
                    if (!items.Exists(i => ReferenceEquals(i, child)))
                        items.Add(child);
                }
            }
            foreach (var ((state, relationship), items) in related)
                Fill(state, relationship, items);
        }
        var states = entities.Select(e => ((IMapped)e).EntityState).Distinct().ToList();
        await ApplyLoaders(async, states, mapper, paths, 0, cancellationToken).ConfigureAwait(false);
        return entities;
    }

    private static bool HasNullKey(EntityMapper target, MappedColumn[] columns, Row row, int at)
    {
        foreach (var key in target.PrimaryKey)
        {
            if (row[at + Array.IndexOf(columns, key)] is null)
                return true;
        }
        return false;
    }

    /// <summary>
    /// The subquery that reads a page (a SELECT with LIMIT or OFFSET) before relationships are joined to it, or null when
    /// the SELECT is not a page or cannot be one: it locks rows, a relationship reads a table the SELECT joined itself
    /// (ContainsEager), or a term of its ORDER BY or of a join's condition is not a loaded column of the entity's table.
    /// </summary>
    /// <remarks>
    /// Joined to the page, a joined collection's rows no longer count against the LIMIT (which would cut the page short
    /// and leave collections half filled), and the database joins the rows of the page only, not every row the OFFSET
    /// skips: PostgreSQL does not move a LIMIT below a join, so page 50 of 20 books joined to their authors made it join
    /// 1,000 rows. SQLAlchemy nests so for joined collections; EF Core for every Include; this does it for every joined
    /// relationship, since a many-to-one joined to the page gives the same rows for less work.
    /// </remarks>
    private static Subquery? PageOf(Sql.Select core, EntityMapper mapper, MappedColumn[] columns, List<MappedRelationship> joined, List<LoaderStep[]> paths)
    {
        if (!core.LimitsRows || core.LocksRows || joined.Any(r => Strategy(paths, 0, r) == LoaderKind.ContainsEager))
            return null;
        bool Loaded(ColumnElement term) =>
            term is Column column && ReferenceEquals(column.Table, mapper.Table) && Array.Exists(columns, c => ReferenceEquals(c.Column, column));
        bool JoinsLoaded(Column column) => !ReferenceEquals(column.Table, mapper.Table) || Loaded(column);
        if (!core.Ordering.All(t => Loaded(t is OrderingExpression ordering ? ordering.Operand : t))
            || !joined.All(r => r.Pairs.All(p => JoinsLoaded(p.ParentColumn) && JoinsLoaded(p.ChildColumn))))
        {
            return null;
        }
        return core.Subquery("anon_1");
    }

    // A column of the entity's table as the page exposes it, or an ORDER BY term over one; anything else as it is.
    private static ColumnElement OnPage(ColumnElement term, Subquery? page, Table table) => term switch
    {
        _ when page is null => term,
        Column column when ReferenceEquals(column.Table, table) => page.C[column.Name],
        OrderingExpression ordering => ordering.WithOperand(OnPage(ordering.Operand, page, table)),
        _ => term,
    };

    // The loader kind for a relationship at a depth of the paths: the last option naming it, else its default.
    private static LoaderKind? Strategy(List<LoaderStep[]> paths, int depth, MappedRelationship relationship)
    {
        var named = paths.Where(p => p.Length > depth && p[depth].Relationship == relationship).Select(p => (LoaderKind?)p[depth].Kind).LastOrDefault();
        return named ?? relationship.Lazy switch
        {
            LazyStrategy.SelectIn => LoaderKind.SelectIn,
            LazyStrategy.Joined => LoaderKind.Joined,
            LazyStrategy.Immediate => LoaderKind.Immediate,
            _ => null,
        };
    }

    /// <summary>Applies the loaders of one level of the paths (and eager defaults) to instances of <paramref name="mapper"/>, then the next level.</summary>
    private async ValueTask ApplyLoaders(bool async, List<EntityState> states, EntityMapper mapper, List<LoaderStep[]> paths, int depth,
        CancellationToken cancellationToken)
    {
        if (states.Count == 0)
            return;
        foreach (var relationship in mapper.Relationships)
        {
            if (relationship.Lazy == LazyStrategy.WriteOnly)
                continue;
            var kind = Strategy(paths, depth, relationship);
            var deeper = paths.Where(p => p.Length > depth + 1 && p[depth].Relationship == relationship).ToList();
            if (kind is null && deeper.Count == 0)
                continue;
            var pending = states.Where(s => !s.IsLoaded(relationship.Index)).ToList();
            var loaded = new List<EntityState>();
            switch (kind)
            {
                case LoaderKind.SelectIn or LoaderKind.Joined:
                    // A joined load below the first level, or of a many-to-many or self-referential relationship, loads by selectin.
                    loaded = await LoadRelationship(async, pending, relationship, cancellationToken).ConfigureAwait(false);
                    break;
                case LoaderKind.Immediate:
                    foreach (var state in pending)
                        loaded.AddRange(await LoadRelationship(async, [state], relationship, cancellationToken).ConfigureAwait(false));
                    break;
                case LoaderKind.NoLoad:
                    foreach (var state in pending)
                        Fill(state, relationship, []);
                    break;
                case LoaderKind.Raise:
                    pending.ForEach(s => s.SetStrategy(relationship, LazyStrategy.Raise));
                    break;
                case LoaderKind.RaiseOnSql:
                    pending.ForEach(s => s.SetStrategy(relationship, LazyStrategy.RaiseOnSql));
                    break;
                case LoaderKind.Lazy:
                    pending.ForEach(s => s.SetStrategy(relationship, LazyStrategy.Select));
                    break;
            }
            // The next level: every instance the path reaches; for eager defaults alone, only the ones just loaded (so cycles end).
            var next = deeper.Count > 0
                ? states.Where(s => s.IsLoaded(relationship.Index)).SelectMany(s => Related(s, relationship)).Distinct().ToList()
                : loaded.Distinct().ToList();
            await ApplyLoaders(async, next, relationship.Target, deeper, depth + 1, cancellationToken).ConfigureAwait(false);
        }
    }

    // The instances a loaded relationship of an instance holds.
    private static IEnumerable<EntityState> Related(EntityState state, MappedRelationship relationship)
    {
        if (relationship.Kind == RelationshipKind.Reference)
            return relationship.Read(state.Entity) is IMapped one ? [one.EntityState] : [];
        return relationship.Collection(state.Entity).Items.Select(i => ((IMapped)i).EntityState);
    }
}
