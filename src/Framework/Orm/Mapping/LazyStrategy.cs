namespace Framework.Orm;

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
