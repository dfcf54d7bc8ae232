namespace Framework.AspNetCore;

/// <summary>What a request that runs too many statements, or the same one over and over, gets.</summary>
public enum QueryBudgetMode
{
    /// <summary>The response becomes a 500 problem listing the statements (and the request's work is rolled back).</summary>
    Throw,

    /// <summary>A warning log entry and a metric; the response is unchanged.</summary>
    Log,

    /// <summary>Nothing is counted or reported.</summary>
    Off,
}
