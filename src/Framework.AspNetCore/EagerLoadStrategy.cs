namespace Framework.AspNetCore;

/// <summary>How an endpoint's eager-load policy loads its relationship.</summary>
public enum EagerLoadStrategy
{
    /// <summary>One more SELECT … WHERE key IN (…) per level of the path, for every instance loaded (the default).</summary>
    SelectIn,

    /// <summary>
    /// A LEFT OUTER JOIN in the same SELECT. Best for many-to-one; a joined collection repeats the parent rows, so its
    /// result needs <c>Unique()</c>.
    /// </summary>
    Joined,
}
