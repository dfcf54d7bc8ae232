using Framework.Sql;

namespace Framework.Orm;

/// <summary>
/// Marks an abstract partial class as the base of mapped entities (SQLAlchemy's <c>DeclarativeBase</c>): the source
/// generator gives it a static <c>MetaData</c> holding the table of every <see cref="TableAttribute"/> class deriving from it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DeclarativeBaseAttribute : Attribute;

/// <summary>Maps a partial class to a table; the source generator implements its partial properties as columns.</summary>
/// <param name="name">The table's name.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TableAttribute(string name) : Attribute
{
    /// <summary>The table's name.</summary>
    public string Name { get; } = name;

    /// <summary>Whether a flush reads server-generated values (server defaults) back with RETURNING, so they are loaded after it.</summary>
    public bool EagerDefaults { get; set; }
}

/// <summary>A primary key column; several make a composite key, in declaration order.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PrimaryKeyAttribute : Attribute
{
    /// <summary>
    /// Whether the database generates the key when none is given (an identity column). By default a single integer
    /// key does and any other key does not.
    /// </summary>
    public bool Autoincrement { get; set; }
}

/// <summary>How a property is stored: its column name (snake_case of the property by default), type and constraints.</summary>
/// <param name="name">The column's name; null for the snake_case of the property's name.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ColumnAttribute(string? name = null) : Attribute
{
    /// <summary>The column's name; null for the snake_case of the property's name.</summary>
    public string? Name { get; } = name;

    /// <summary>The SQL type; by default inferred from the property's type.</summary>
    public SqlTypeKind Type { get; set; } = SqlTypeKind.Unknown;

    /// <summary>The length of a string column (VARCHAR(n)).</summary>
    public int Length { get; set; }

    /// <summary>The precision of a numeric column.</summary>
    public int Precision { get; set; }

    /// <summary>The scale of a numeric column.</summary>
    public int Scale { get; set; }

    /// <summary>Whether a DateTime column stores a time zone.</summary>
    public bool Timezone { get; set; }

    /// <summary>Whether the column allows NULL; when not set, a nullable property type makes a nullable column.</summary>
    public bool Nullable { get; set; }

    /// <summary>Whether the column's values are unique.</summary>
    public bool Unique { get; set; }

    /// <summary>Whether the column is indexed.</summary>
    public bool Index { get; set; }
}

/// <summary>A foreign key to <c>"table.column"</c>.</summary>
/// <param name="target">The referenced column as <c>"table.column"</c>.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ForeignKeyAttribute(string target) : Attribute
{
    /// <summary>The referenced column as <c>"table.column"</c>.</summary>
    public string Target { get; } = target;

    /// <summary>ON DELETE: CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION.</summary>
    public string? OnDelete { get; set; }

    /// <summary>ON UPDATE: CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION.</summary>
    public string? OnUpdate { get; set; }

    /// <summary>Whether the constraint is checked at commit rather than per statement (where the database can).</summary>
    public bool Deferrable { get; set; }
}

/// <summary>A default the database computes (SQL text, such as <c>CURRENT_TIMESTAMP</c>) when an INSERT gives no value.</summary>
/// <param name="sql">The default's SQL.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ServerDefaultAttribute(string sql) : Attribute
{
    /// <summary>The default's SQL.</summary>
    public string Sql { get; } = sql;
}

/// <summary>A value the INSERT sends when the property was never set (a client-side default).</summary>
/// <param name="value">The value.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultAttribute(object? value) : Attribute
{
    /// <summary>The value.</summary>
    public object? Value { get; } = value;
}

/// <summary>
/// A column left out of the entity's SELECT: it is loaded on first access inside <c>RunSyncAsync</c>, with
/// <c>await entity.AwaitableAttrs.Name</c>, or with the <c>Undefer</c> loader option; elsewhere reading it throws
/// <see cref="LazyLoadException"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DeferredAttribute : Attribute;

/// <summary>
/// An integer version counter for optimistic concurrency: each UPDATE and DELETE requires the version it read and an
/// UPDATE increments it, so a row changed by someone else raises <see cref="StaleDataException"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class VersionAttribute : Attribute;

/// <summary>How a relationship's related instances are loaded when a query does not say (SQLAlchemy's <c>lazy=</c>).</summary>
public enum LazyStrategy
{
    /// <summary>Not loaded with the instance; reading it outside <c>RunSyncAsync</c> throws <see cref="LazyLoadException"/>, inside it runs a SELECT (the default).</summary>
    Select,

    /// <summary>Loaded with the query, by one more SELECT … WHERE key IN (…) per level (SelectInLoad).</summary>
    SelectIn,

    /// <summary>Loaded with the query, in the same SELECT by a LEFT OUTER JOIN (JoinedLoad).</summary>
    Joined,

    /// <summary>Loaded as each instance is loaded, by a SELECT per instance (ImmediateLoad).</summary>
    Immediate,

    /// <summary>Never loaded implicitly: reading it unloaded throws, even inside <c>RunSyncAsync</c> (RaiseLoad).</summary>
    Raise,

    /// <summary>Like <see cref="Raise"/>, but a many-to-one whose target is in the identity map is served from it.</summary>
    RaiseOnSql,

    /// <summary>Never loaded: it reads as empty (or null) unless set in memory (NoLoad).</summary>
    NoLoad,

    /// <summary>Never loaded: the property is a <see cref="WriteOnlyCollection{T}"/> that adds, removes and builds statements.</summary>
    WriteOnly,
}

/// <summary>
/// Configures a relationship property (a collection or a reference to another mapped class). Without it, the
/// relationship is found from the property's type and the foreign keys between the two tables.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RelationshipAttribute : Attribute
{
    /// <summary>The property on the other class that is the reverse of this one; the two are kept in sync in memory.</summary>
    public string? BackPopulates { get; set; }

    /// <summary>How the related instances load by default.</summary>
    public LazyStrategy Lazy { get; set; } = LazyStrategy.Select;

    /// <summary>
    /// The operations that cascade from the parent to the related instances, comma separated: save-update, merge,
    /// delete, delete-orphan, expunge, refresh-expire, or all (every one but delete-orphan). Default "save-update, merge".
    /// </summary>
    public string? Cascade { get; set; }

    /// <summary>The order of a collection when loaded: column names of the related table, each optionally followed by DESC.</summary>
    public string? OrderBy { get; set; }

    /// <summary>The association table of a many-to-many relationship.</summary>
    public string? Secondary { get; set; }

    /// <summary>The foreign-key column(s) that join the two tables ("table.column", comma separated), when more than one could.</summary>
    public string? ForeignKeys { get; set; }

    /// <summary>Whether deleting the parent leaves its children to the database's ON DELETE rule instead of loading them.</summary>
    public bool PassiveDeletes { get; set; }

    /// <summary>Whether it holds a collection; it must agree with the property's type (a reference property is one-to-one or many-to-one).</summary>
    public bool UseList { get; set; } = true;
}
