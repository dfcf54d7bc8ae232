using Framework.Orm.Internal;
using Framework.Sql;

namespace Framework.Orm;

/// <summary>The SQL side of relationships: the criteria that select an instance's related rows.</summary>
internal static class Relationships
{
    /// <summary>
    /// The WHERE that selects the rows related to a persistent instance through a relationship (for a many-to-many,
    /// through its association table, as an IN subquery).
    /// </summary>
    public static ColumnElement Criteria(EntityState state, int index)
    {
        var relationship = state.Mapper.RelationshipAt(index)!;
        if (!state.Persistent)
        {
            throw new InvalidOperationException(
                $"{state.Mapper.EntityType.Name}.{relationship.PropertyName}: the instance is not persistent, so it has no related rows yet; flush it first.");
        }
        ColumnElement? condition = null;
        switch (relationship.Direction)
        {
            case RelationshipDirection.OneToMany:
                foreach (var pair in relationship.Pairs)
                    condition = And(condition, pair.ChildColumn == Value(state, pair.Parent!));
                break;
            case RelationshipDirection.ManyToOne:
                foreach (var pair in relationship.Pairs)
                    condition = And(condition, pair.ParentColumn == Value(state, pair.Child!));
                break;
            default:
                ColumnElement? inner = null;
                foreach (var pair in relationship.Pairs)
                    inner = And(inner, pair.ChildColumn == Value(state, pair.Parent!));
                if (relationship.TargetPairs.Length != 1)
                {
                    throw new NotSupportedException(
                        $"{relationship}: the write-only statement of a many-to-many relationship needs a one-column key on {relationship.Target.EntityType.Name}.");
                }
                var target = relationship.TargetPairs[0];
                condition = target.Target.Column.In(Expressions.Select(target.Secondary).Where(inner!));
                break;
        }
        return condition!;
    }

    private static object? Value(EntityState state, MappedColumn column) => column.Read(state.Entity);

    private static ColumnElement And(ColumnElement? left, ColumnElement right) => left is null ? right : left & right;
}
