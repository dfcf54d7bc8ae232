using Framework.Sql;

namespace Framework.Orm;

/// <summary>
/// Loads a relationship in the query's own SELECT by a LEFT OUTER (or inner) JOIN (SQLAlchemy's <c>joined</c>). Below the
/// first level of a path, or for a many-to-many or self-referential relationship, it loads as <see cref="SelectInStrategy"/>.
/// </summary>
internal sealed class JoinedStrategy() : SelectInStrategy(nameof(LazyStrategy.Joined))
{
    public override LazyStrategy? Lazy => LazyStrategy.Joined;

    public override bool JoinsQuery(MappedRelationship relationship, EntityMapper queried) =>
        relationship.Direction != RelationshipDirection.ManyToMany && !ReferenceEquals(relationship.Target, queried);

    public override bool RepeatsParentRows => true;

    /// <summary>
    /// The ORM SELECT <paramref name="core"/> with the <paramref name="joined"/> relationships joined in (to its page, when
    /// it is one: see <see cref="PageOf"/>), and where the columns of each relationship start in its rows.
    /// </summary>
    public static (Sql.Select Select, List<(MappedRelationship Relationship, MappedColumn[] Columns, int Offset)> Segments) JoinedSelect(
        Sql.Select core, EntityMapper mapper, MappedColumn[] columns, List<MappedRelationship> joined, List<LoaderStep[]> paths)
    {
        var page = PageOf(core, mapper, columns, joined, paths);
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
            if (!EntityLoader.Strategy(paths, 0, relationship)!.ReadsStatementJoin)
            {
                var inner = paths.Where(p => p[0].Relationship == relationship).Select(p => p[0].InnerJoin).LastOrDefault();
                core = inner ? core.Join(relationship.Target.Table, on) : core.OuterJoin(relationship.Target.Table, on);
            }
            selected.AddRange(targetColumns.Select(c => (ColumnElement)c.Column));
            segments.Add((relationship, targetColumns, offset));
            offset += targetColumns.Length;
        }
        return (core.WithColumns([.. selected]), segments);
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
        if (!core.LimitsRows || core.LocksRows || joined.Any(r => EntityLoader.Strategy(paths, 0, r)!.ReadsStatementJoin))
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

    /// <summary>A column of the entity's table as the page exposes it, or an ORDER BY term over one; anything else as it is.</summary>
    private static ColumnElement OnPage(ColumnElement term, Subquery? page, Table table) => term switch
    {
        _ when page is null => term,
        Column column when ReferenceEquals(column.Table, table) => page.C[column.Name],
        OrderingExpression ordering => ordering.WithOperand(OnPage(ordering.Operand, page, table)),
        _ => term,
    };
}
