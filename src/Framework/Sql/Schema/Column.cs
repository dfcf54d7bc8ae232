namespace Framework.Sql;

/// <summary>
/// A column of a <see cref="Table"/>, and an expression in statements: <c>t.C["name"] == "x"</c>.
/// Create one with <see cref="Column{T}"/>.
/// </summary>
public abstract class Column : ColumnElement, ISchemaItem
{
    private protected Column(string name, Type clrType, SqlType? type, bool primaryKey, bool? nullable, bool unique, bool index,
        string? serverDefault, ForeignKey? foreignKey, bool? autoincrement, Func<object?>? defaultProducer = null)
    {
        Identifiers.Validate(name, "column");
        Name = name;
        ClrType = clrType;
        Type = type ?? SqlType.For(clrType) ?? NoType(name, clrType);
        CheckEnumType(name, clrType, Type);
        PrimaryKey = primaryKey;
        Nullable = nullable ?? !primaryKey;
        if (primaryKey && Nullable)
            throw new ArgumentException($"Column {Identifiers.Quoted(name)} is part of the primary key, which cannot be NULL; leave nullable out.", nameof(nullable));
        Unique = unique;
        Index = index;
        ServerDefault = serverDefault;
        ForeignKey = foreignKey;
        foreignKey?.Attach(this);
        if (autoincrement == true && !Type.IsInteger)
            throw new ArgumentException($"Column {Identifiers.Quoted(name)} is {Type.Kind}; only an integer column can be numbered by the database.", nameof(autoincrement));
        Autoincrement = autoincrement;
        DefaultProducer = defaultProducer;
    }

    // A column of an alias, subquery or CTE: named, typed after what it derives from, and belonging to no table.
    private protected Column(string name, FromClause from, ColumnElement origin)
    {
        Name = name;
        From = from;
        ClrType = origin.ValueType ?? typeof(object);
        Type = origin.ExpressionType ?? SqlType.Unknown;
        Nullable = true;
    }

    /// <summary>The column's name in the database.</summary>
    public string Name { get; }

    /// <summary>The table it belongs to; null for a column of an alias, subquery or CTE (see <see cref="Parent"/>).</summary>
    public Table? Table { get; private set; }

    /// <summary>What it is a column of: its table, or the alias, subquery or CTE that exposes it.</summary>
    public FromClause? Parent => From;

    internal FromClause? From { get; private set; }

    internal override SqlType? ExpressionType => Type;

    internal override Type? ValueType => ClrType;

    /// <summary>The .NET type of its values.</summary>
    public Type ClrType { get; }

    /// <summary>Its SQL type.</summary>
    public SqlType Type { get; }

    /// <summary>Whether it is (part of) the primary key.</summary>
    public bool PrimaryKey { get; }

    /// <summary>Whether it accepts NULL (by default, every column outside the primary key).</summary>
    public bool Nullable { get; }

    /// <summary>Whether its values must be unique (a UNIQUE constraint).</summary>
    public bool Unique { get; }

    /// <summary>Whether it gets an index of its own.</summary>
    public bool Index { get; }

    /// <summary>Raw SQL the database evaluates for a row that gives no value (<c>DEFAULT ...</c>), e.g. <c>CURRENT_TIMESTAMP</c>; a string literal must carry its own quotes (<c>"'n/a'"</c>).</summary>
    public string? ServerDefault { get; }

    /// <summary>Whether an INSERT that gives no value for it computes one on the client (<c>defaultValue</c> or <c>defaultFactory</c>).</summary>
    public bool HasClientDefault => DefaultProducer is not null;

    internal Func<object?>? DefaultProducer { get; }

    /// <summary>The column it references, if any.</summary>
    public ForeignKey? ForeignKey { get; }

    /// <summary>Whether the database generates its values; null decides as SQLAlchemy does (a lone integer primary key without a foreign key).</summary>
    public bool? Autoincrement { get; }

    /// <summary>Whether the database generates this column's values.</summary>
    public bool IsAutoincrement => Autoincrement ?? (PrimaryKey && Type.IsInteger && ForeignKey is null && ServerDefault is null
        && Table is { } table && table.PrimaryKey.Count == 1);

    private static SqlType NoType(string name, Type clrType)
    {
        // SqlType.Enum explains why a [Flags] or empty enum has no type.
        if ((System.Nullable.GetUnderlyingType(clrType) ?? clrType) is { IsEnum: true } enumType)
            SqlType.Enum(enumType);
        throw new ArgumentException(
            $"Column {Identifiers.Quoted(name)}: there is no SQL type for {TypeNames.Of(clrType)}. {TypeAdvice.Instead(name, clrType)}", "type");
    }

    // Enum values are always sent to the database by name, so a column of them must hold names: an integer column
    // would get text (PostgreSQL refuses it; SQLite keeps it).
    private static void CheckEnumType(string name, Type clrType, SqlType type)
    {
        while (clrType.IsSZArray && type.Kind == SqlTypeKind.Array && clrType != typeof(byte[]))
        {
            clrType = clrType.GetElementType()!;
            type = type.ElementType!;
        }
        var enumType = System.Nullable.GetUnderlyingType(clrType) ?? clrType;
        if (!enumType.IsEnum || type.Kind is SqlTypeKind.String or SqlTypeKind.Text)
            return;
        if (type.Kind != SqlTypeKind.Enum)
        {
            throw new ArgumentException(
                $"Column {Identifiers.Quoted(name)} holds {enumType.Name} values, which are sent to the database by name, so its type cannot be {type.Kind}: " +
                $"leave the type out (SqlType.Enum), or give String or Text. To store numbers, make it a Column<int> and pass (int)value.", nameof(type));
        }
        if (type.EnumType != enumType)
            throw new ArgumentException($"Column {Identifiers.Quoted(name)} holds {enumType.Name} values but its type is the enum {type.EnumType?.Name ?? "(none)"}; pass SqlType.Enum(typeof({enumType.Name})).", nameof(type));
    }

    /// <summary>The column as <c>table.column</c>.</summary>
    public override string ToString() => Table is null ? Name : $"{Table.Name}.{Name}";

    internal void Attach(Table table) => From = Table = SchemaItems.Attach(Table, table, $"Column {Identifiers.Quoted(Name)}");

    internal override void Compile(SqlCompiler compiler)
    {
        if (From is { } from && compiler.Ordering != SqlCompiler.OrderingMode.Compound)
            compiler.Identifier(from.Name).Append('.');
        compiler.Identifier(Name);
    }

    // A table's column is itself; a derived one is its FROM item's name and its own, which is all its SQL depends on.
    internal override void AddKey(KeyBuilder key)
    {
        if (Table is not null || From is null)
            key.Token(this);
        else
            key.Add(typeof(DerivedColumn)).Add(From.Name).Add(Name).Add(ClrType).Add(Type);
    }

    internal override void CollectFroms(List<FromClause> froms)
    {
        if (From is { } from)
            AddFrom(froms, from);
    }
}

/// <summary>A column whose values are <typeparamref name="T"/>; the SQL type is inferred from it unless given.</summary>
/// <typeparam name="T">The .NET type of the column's values.</typeparam>
public sealed class Column<T> : Column
{
    /// <summary>Creates a column.</summary>
    /// <param name="name">Its name in the database.</param>
    /// <param name="type">Its SQL type; inferred from <typeparamref name="T"/> when null.</param>
    /// <param name="primaryKey">Whether it is (part of) the primary key.</param>
    /// <param name="nullable">Whether it accepts NULL; by default every column outside the primary key does.</param>
    /// <param name="unique">Whether its values must be unique.</param>
    /// <param name="index">Whether it gets an index.</param>
    /// <param name="serverDefault">SQL for its default value, evaluated by the database.</param>
    /// <param name="foreignKey">The column it references.</param>
    /// <param name="autoincrement">Whether the database generates its values; null decides from the key.</param>
    /// <param name="defaultValue">A client-side default: the value an INSERT that gives none sends.</param>
    /// <param name="defaultFactory">A client-side default computed for each inserted row (<c>() =&gt; Guid.NewGuid()</c>).</param>
    public Column(string name, SqlType? type = null, bool primaryKey = false, bool? nullable = null, bool unique = false, bool index = false,
        string? serverDefault = null, ForeignKey? foreignKey = null, bool? autoincrement = null, object? defaultValue = null, Func<T>? defaultFactory = null)
        : base(name, typeof(T), type, primaryKey, nullable, unique, index, serverDefault, foreignKey, autoincrement,
            Producer(name, defaultValue, defaultFactory))
    {
    }

    private static Func<object?>? Producer(string name, object? value, Func<T>? factory)
    {
        if (value is not null && factory is not null)
            throw new ArgumentException($"Column {Identifiers.Quoted(name)} has both a defaultValue and a defaultFactory; give one.", nameof(factory));
        if (factory is not null)
            return () => factory();
        if (value is null)
            return null;
        if (value is not T)
            throw new ArgumentException($"Column {Identifiers.Quoted(name)} holds {typeof(T).Name} values, so its defaultValue cannot be {Articles.With(value.GetType().Name)}.", nameof(value));
        return () => value;
    }
}
