namespace Framework.Sql;

/// <summary>The base of table constraints and indexes.</summary>
public abstract class SchemaItem : ISchemaItem
{
    private protected SchemaItem()
    {
    }

    /// <inheritdoc />
    public Table? Table { get; private set; }

    internal void Attach(Table table) => Table = SchemaItems.Attach(Table, table, Describe());

    internal abstract string Describe();
}

internal static class SchemaItems
{
    /// <summary>An item joins one table only: the table it gets, or an error naming both.</summary>
    public static Table Attach(Table? current, Table table, string description) =>
        current is null || ReferenceEquals(current, table) ? table
            : throw new ArgumentException($"{description} already belongs to table {Identifiers.Quoted(current.Name)}; create a new one for table {Identifiers.Quoted(table.Name)}.");
}
