namespace Framework.Sql;

/// <summary>What a <see cref="Table"/> is made of: columns, constraints and indexes.</summary>
public abstract class SchemaItem
{
    private protected SchemaItem()
    {
    }

    /// <summary>The table this item belongs to, once it was given to one.</summary>
    public Table? Table { get; private set; }

    internal void Attach(Table table)
    {
        if (Table is not null && !ReferenceEquals(Table, table))
            throw new ArgumentException($"{Describe()} already belongs to table '{Table.Name}'; create a new one for table '{table.Name}'.");
        Table = table;
    }

    internal abstract string Describe();
}
