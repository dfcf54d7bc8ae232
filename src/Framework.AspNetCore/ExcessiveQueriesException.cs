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
