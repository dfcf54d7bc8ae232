using Framework.Sql;

namespace Framework.Orm;

/// <summary>What sets a mapped column apart, beyond its <see cref="Column"/>.</summary>
[Flags]
public enum MappedColumnOptions
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Left out of the entity's SELECT until asked for (<see cref="DeferredAttribute"/>).</summary>
    Deferred = 1,

    /// <summary>The optimistic-concurrency version counter (<see cref="VersionAttribute"/>).</summary>
    Version = 2,
}
