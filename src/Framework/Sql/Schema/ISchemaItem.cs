namespace Framework.Sql;

/// <summary>What a <see cref="Table"/> is made of: columns, constraints and indexes.</summary>
public interface ISchemaItem
{
    /// <summary>The table this item belongs to, once it was given to one.</summary>
    Table? Table { get; }
}
