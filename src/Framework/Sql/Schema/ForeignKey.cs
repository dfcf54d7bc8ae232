namespace Framework.Sql;

/// <summary>
/// A reference from a column to another table's column, named <c>"table.column"</c> (resolved within the same
/// <see cref="MetaData"/> when tables are created).
/// </summary>
public sealed class ForeignKey
{
    /// <summary>Creates a foreign key.</summary>
    /// <param name="target">The referenced column as <c>"table.column"</c>.</param>
    /// <param name="onDelete">What the database does to this row when the referenced row is deleted: CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION.</param>
    /// <param name="onUpdate">The same, when the referenced key changes.</param>
    /// <param name="deferrable">Check the constraint at commit instead of at each statement (DEFERRABLE INITIALLY DEFERRED).</param>
    /// <param name="name">The constraint's name; the database chooses one when null.</param>
    public ForeignKey(string target, string? onDelete = null, string? onUpdate = null, bool deferrable = false, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var dot = target.LastIndexOf('.');
        if (dot <= 0 || dot == target.Length - 1)
            throw new ArgumentException($"A foreign key target is written \"table.column\", not \"{target}\".", nameof(target));
        TargetTable = target[..dot];
        TargetColumn = target[(dot + 1)..];
        OnDelete = Action(onDelete, nameof(onDelete));
        OnUpdate = Action(onUpdate, nameof(onUpdate));
        Deferrable = deferrable;
        if (name is not null)
            Identifiers.Validate(name, "constraint");
        Name = name;
    }

    /// <summary>The referenced table's name.</summary>
    public string TargetTable { get; }

    /// <summary>The referenced column's name.</summary>
    public string TargetColumn { get; }

    /// <summary>The ON DELETE action, if any.</summary>
    public string? OnDelete { get; }

    /// <summary>The ON UPDATE action, if any.</summary>
    public string? OnUpdate { get; }

    /// <summary>Whether the constraint is checked at commit.</summary>
    public bool Deferrable { get; }

    /// <summary>The constraint's name, if given.</summary>
    public string? Name { get; }

    /// <summary>The column holding the reference.</summary>
    public Column Parent { get; private set; } = null!;

    internal void Attach(Column column)
    {
        if (Parent is not null)
            throw new ArgumentException($"This foreign key to {Identifiers.Shortened($"{TargetTable}.{TargetColumn}")} already belongs to column {Identifiers.Quoted(Parent.Name)}.");
        Parent = column;
    }

    /// <summary>The referenced column, found in <paramref name="metadata"/>.</summary>
    internal Column Resolve(MetaData metadata)
    {
        if (!metadata.Tables.TryGetValue(TargetTable, out var table))
        {
            throw new InvalidOperationException(
                $"Foreign key {Identifiers.Shortened(Parent.ToString())} refers to table {Identifiers.Quoted(TargetTable)}, which is not in this MetaData. Declare that table too, or fix the name.");
        }
        return table.C.TryGet(TargetColumn) ?? throw new InvalidOperationException(
            $"Foreign key {Identifiers.Shortened(Parent.ToString())} refers to column {Identifiers.Quoted(TargetColumn)}, which table {Identifiers.Quoted(TargetTable)} does not have. Its columns: {Identifiers.Shortened(table.C.Select(c => c.Name))}.");
    }

    private static readonly string[] Actions = ["CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"];

    private static string? Action(string? value, string parameter)
    {
        if (value is null)
            return null;
        var normalized = string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
        return Array.IndexOf(Actions, normalized) >= 0 ? normalized
            : throw new ArgumentException($"'{value}' is not a referential action; use one of {string.Join(", ", Actions)}.", parameter);
    }
}
