namespace Framework.AspNetCore;

/// <summary>
/// A request ran more statements than its query budget, or the same statement shape more times than the N+1 detector
/// allows (<see cref="QueryBudgetOptions"/>, in <see cref="QueryBudgetMode.Throw"/> mode). Raised after the endpoint ran,
/// before the response starts; <see cref="FrameworkExceptionHandler"/> answers it with a 500 problem that lists
/// the statements in Development.
/// </summary>
public sealed class ExcessiveQueriesException : Exception
{
    internal ExcessiveQueriesException(string message, int statementCount, int? budget, IReadOnlyList<QueryShape> statements, IReadOnlyList<QueryShape> suspects)
        : base(message)
    {
        StatementCount = statementCount;
        Budget = budget;
        Statements = statements;
        Suspects = suspects;
    }

    /// <summary>The statements the request ran.</summary>
    public int StatementCount { get; }

    /// <summary>The request's budget, if it had one.</summary>
    public int? Budget { get; }

    /// <summary>Every statement shape the request ran, the most frequent first.</summary>
    public IReadOnlyList<QueryShape> Statements { get; }

    /// <summary>The shapes suspected of being an N+1, with the relationship and the fix where one is known.</summary>
    public IReadOnlyList<QueryShape> Suspects { get; }
}

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
