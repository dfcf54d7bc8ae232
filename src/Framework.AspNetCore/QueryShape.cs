namespace Framework.AspNetCore;

/// <summary>One statement shape a request ran.</summary>
public sealed class QueryShape
{
    internal QueryShape(string sql, int count, string? relationship = null, string? fix = null)
    {
        Sql = sql;
        Count = count;
        Relationship = relationship;
        Fix = fix;
    }

    /// <summary>Its SQL.</summary>
    public string Sql { get; }

    /// <summary>How many times it ran.</summary>
    public int Count { get; }

    /// <summary>For a suspected N+1, the relationship whose loads it looks like (<c>Author.Books</c>), if one is.</summary>
    public string? Relationship { get; }

    /// <summary>For a suspected N+1 of a relationship, the endpoint policy that loads it eagerly instead.</summary>
    public string? Fix { get; }
}
