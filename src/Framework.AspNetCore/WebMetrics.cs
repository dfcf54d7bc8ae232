using System.Diagnostics.Metrics;

namespace Framework.AspNetCore;

/// <summary>
/// The web layer's instruments, on a meter of its own (<see cref="MeterName"/>; <c>AddFrameworkInstrumentation</c>
/// subscribes to it with Framework's).
/// </summary>
internal static class WebMetrics
{
    public const string MeterName = "Framework.AspNetCore";

    private static readonly Meter Meter = new(MeterName, typeof(WebMetrics).Assembly.GetName().Version?.ToString());

    /// <summary>Requests that ran more statements than their query budget.</summary>
    public static readonly Counter<long> QueryBudgetExceeded = Meter.CreateCounter<long>(
        "framework.request.query_budget.exceeded", "{request}", "Requests that ran more statements than their query budget.");

    /// <summary>Requests in which the N+1 detector suspected a statement shape.</summary>
    public static readonly Counter<long> NPlusOneSuspected = Meter.CreateCounter<long>(
        "framework.request.n_plus_one.suspected", "{request}", "Requests that ran one statement shape with different values more times than the N+1 threshold.");
}

/// <summary>
/// The request's statement count and database time as a log scope: every entry logged during the request carries them,
/// read when the entry is written.
/// </summary>
internal sealed class RequestStatementsLogScope(SessionScope scope) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new(RequestStatements.CountName, scope.Statements?.Count ?? 0),
        1 => new(RequestStatements.DurationName, (scope.Statements?.Duration ?? TimeSpan.Zero).TotalSeconds),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
            yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        $"{RequestStatements.CountName}={this[0].Value} {RequestStatements.DurationName}={this[1].Value}";
}
