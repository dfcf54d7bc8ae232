using System.Globalization;
using System.Text;

namespace Framework.Sql;

/// <summary>Writes CREATE/DROP TABLE, CREATE INDEX and ALTER TABLE ... FOREIGN KEY for a dialect.</summary>
internal static class DdlCompiler
{
    public static string CreateTable(Table table, Dialect dialect, IReadOnlySet<ForeignKey> deferred)
    {
        var sql = new StringBuilder("CREATE TABLE ").Append(Identifiers.Quote(table.Name, dialect)).Append(" (");
        var first = true;
        void Item(string text)
        {
            sql.Append(first ? "\n\t" : ",\n\t").Append(text);
            first = false;
        }

        foreach (var column in table.C)
            Item(ColumnSpec(column, dialect));
        if (table.PrimaryKey.Count > 0)
            Item($"PRIMARY KEY ({Names(table.PrimaryKey.Select(c => c.Name), dialect)})");
        foreach (var column in table.C)
        {
            if (column.Unique)
                Item($"UNIQUE ({Identifiers.Quote(column.Name, dialect)})");
        }
        foreach (var constraint in table.Constraints)
        {
            Item(constraint switch
            {
                UniqueConstraint unique => Named(unique.Name, dialect) + $"UNIQUE ({Names(unique.Columns, dialect)})",
                CheckConstraint check => Named(check.Name, dialect) + $"CHECK ({check.Sql})",
                _ => throw new InvalidOperationException($"Unexpected table item {constraint.Describe()}."),
            });
        }
        foreach (var foreignKey in table.ForeignKeys)
        {
            // Named always, so a key that closes a cycle can be dropped by the same name whichever order made it.
            if (!deferred.Contains(foreignKey))
                Item(Named(ConstraintName(foreignKey, dialect), dialect) + ForeignKeySpec(foreignKey, table.MetaData, dialect));
        }
        return sql.Append("\n)").ToString();
    }

    public static IEnumerable<string> CreateIndexes(Table table, Dialect dialect) =>
        Indexes(table, dialect).Select(i =>
            $"CREATE {(i.Unique ? "UNIQUE " : "")}INDEX {Identifiers.Quote(i.Name, dialect)} ON {Identifiers.Quote(table.Name, dialect)} ({Names(i.Columns, dialect)})");

    /// <summary>Every index a table gets: those declared, and <c>ix_table_column</c> (cut to fit the dialect) for each column marked <c>index: true</c>.</summary>
    public static IEnumerable<(string Name, bool Unique, IReadOnlyList<string> Columns)> Indexes(Table table, Dialect dialect)
    {
        foreach (var column in table.C)
        {
            if (column.Index)
                yield return (Identifiers.Fit($"ix_{table.Name}_{column.Name}", dialect), false, [column.Name]);
        }
        foreach (var index in table.Indexes)
            yield return (index.Name, index.Unique, index.Columns);
    }

    public static string DropTable(Table table, Dialect dialect) => "DROP TABLE " + Identifiers.Quote(table.Name, dialect);

    public static string AddForeignKey(ForeignKey foreignKey, MetaData metadata, Dialect dialect) =>
        $"ALTER TABLE {Identifiers.Quote(foreignKey.Parent.Table!.Name, dialect)} ADD CONSTRAINT {Identifiers.Quote(ConstraintName(foreignKey, dialect), dialect)} " +
        ForeignKeySpec(foreignKey, metadata, dialect);

    public static string DropForeignKey(ForeignKey foreignKey, Dialect dialect) =>
        $"ALTER TABLE {Identifiers.Quote(foreignKey.Parent.Table!.Name, dialect)} DROP CONSTRAINT {Identifiers.Quote(ConstraintName(foreignKey, dialect), dialect)}";

    /// <summary>A foreign key added by ALTER must be dropped by name: the given one, or a deterministic one cut to fit the dialect.</summary>
    private static string ConstraintName(ForeignKey foreignKey, Dialect dialect) =>
        foreignKey.Name ?? Identifiers.Fit($"fk_{foreignKey.Parent.Table!.Name}_{foreignKey.Parent.Name}_{foreignKey.TargetTable}", dialect);

    private static string ColumnSpec(Column column, Dialect dialect)
    {
        if (column.IsAutoincrement && dialect.AutoincrementNeedsSoleKey && !(column.Table!.PrimaryKey is [var only] && ReferenceEquals(only, column)))
        {
            throw new InvalidOperationException(
                $"Column {column} cannot be numbered by {dialect.Name}: only a table's sole INTEGER primary key is (the rowid). Drop autoincrement, or make it the only key column.");
        }
        string type;
        try
        {
            type = column.IsAutoincrement ? dialect.AutoincrementTypeName(column.Type) : dialect.TypeName(column.Type);
        }
        catch (NotSupportedException e)
        {
            throw new NotSupportedException($"Column {column}: {e.Message}", e);
        }
        var spec = new StringBuilder(Identifiers.Quote(column.Name, dialect)).Append(' ').Append(type);
        if (column.ServerDefault is { } value)
            spec.Append(" DEFAULT ").Append(value);
        if (!column.Nullable)
            spec.Append(" NOT NULL");
        // An enum without a type of its own is text that only its members' names may be (SQLAlchemy's create_constraint).
        if (column.Type.Kind == SqlTypeKind.Enum && !(dialect.SupportsNativeEnums && column.Type.Native))
            spec.Append(" CHECK (").Append(Identifiers.Quote(column.Name, dialect)).Append(" IN (").Append(Literals(Labels(column.Type))).Append("))");
        return spec.ToString();
    }

    /// <summary><c>CREATE TYPE name AS ENUM ('A', 'B')</c> for a PostgreSQL enum; its labels in the order of the C# values.</summary>
    public static string CreateEnumType(SqlType type, Dialect dialect) =>
        $"CREATE TYPE {Identifiers.Quote(type.RequireName(), dialect)} AS ENUM ({Literals(Labels(type))})";

    public static string DropEnumType(SqlType type, Dialect dialect) => "DROP TYPE " + Identifiers.Quote(type.RequireName(), dialect);

    private static IReadOnlyList<string> Labels(SqlType type) => type.Labels is { Count: > 0 } labels ? labels : throw new InvalidOperationException(
        $"This {type.Kind} type has no enum type to take its names from; make it with SqlType.Enum(typeof(YourEnum)).");

    // Labels are string literals, not identifiers: a quote inside one is doubled (PostgreSQL's standard strings and
    // SQLite both take a backslash as itself).
    private static string Literals(IEnumerable<string> texts) =>
        string.Join(", ", texts.Select(text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'"));

    private static string ForeignKeySpec(ForeignKey foreignKey, MetaData metadata, Dialect dialect)
    {
        var target = foreignKey.Resolve(metadata);
        var spec = new StringBuilder("FOREIGN KEY(").Append(Identifiers.Quote(foreignKey.Parent.Name, dialect)).Append(") REFERENCES ")
            .Append(Identifiers.Quote(target.Table!.Name, dialect)).Append(" (").Append(Identifiers.Quote(target.Name, dialect)).Append(')');
        if (foreignKey.OnDelete is { } onDelete)
            spec.Append(" ON DELETE ").Append(onDelete);
        if (foreignKey.OnUpdate is { } onUpdate)
            spec.Append(" ON UPDATE ").Append(onUpdate);
        if (foreignKey.Deferrable)
            spec.Append(" DEFERRABLE INITIALLY DEFERRED");
        return spec.ToString();
    }

    private static string Named(string? name, Dialect dialect) => name is null ? "" : $"CONSTRAINT {Identifiers.Quote(name, dialect)} ";

    private static string Names(IEnumerable<string> names, Dialect dialect) => string.Join(", ", names.Select(n => Identifiers.Quote(n, dialect)));

    /// <summary>Length and precision suffixes shared by the dialects' type names.</summary>
    public static string WithLength(string name, SqlType type) => type switch
    {
        { Kind: SqlTypeKind.String or SqlTypeKind.Enum, Length: { } length } => string.Create(CultureInfo.InvariantCulture, $"{name}({length})"),
        { Kind: SqlTypeKind.Numeric, Precision: { } precision, Scale: { } scale } => string.Create(CultureInfo.InvariantCulture, $"{name}({precision}, {scale})"),
        { Kind: SqlTypeKind.Numeric, Precision: { } precision } => string.Create(CultureInfo.InvariantCulture, $"{name}({precision})"),
        _ => name,
    };
}
