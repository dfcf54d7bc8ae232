namespace Framework.Sql;

/// <summary>The order in which tables can be created: pure ordering, apart from the DDL that <c>CreateAll</c> runs in it.</summary>
internal static class TableOrder
{
    /// <summary>
    /// Orders tables so each follows the tables it references, keeping declaration order otherwise. When a cycle
    /// leaves no table free to go next, the first remaining table goes, and its keys to tables not yet placed are
    /// returned as the ones that close cycles.
    /// </summary>
    public static (IReadOnlyList<Table> Tables, HashSet<ForeignKey> Cycles) Sort(IReadOnlyList<Table> tables)
    {
        var remaining = new List<Table>(tables);
        var placed = new HashSet<Table>();
        var order = new List<Table>(tables.Count);
        var cycles = new HashSet<ForeignKey>();
        bool Ready(Table table) => table.ForeignKeys.All(fk =>
            fk.TargetTable == table.Name || !remaining.Exists(t => t.Name == fk.TargetTable) || placed.Any(t => t.Name == fk.TargetTable));
        while (remaining.Count > 0)
        {
            var next = remaining.Find(Ready);
            if (next is null)
            {
                next = remaining[0];
                foreach (var foreignKey in next.ForeignKeys)
                {
                    if (foreignKey.TargetTable != next.Name && !placed.Any(t => t.Name == foreignKey.TargetTable))
                        cycles.Add(foreignKey);
                }
            }
            remaining.Remove(next);
            placed.Add(next);
            order.Add(next);
        }
        return (order, cycles);
    }
}
