using System.Globalization;
using Framework.Sql;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Framework.AspNetCore.HealthChecks;

/// <summary>
/// Checks an engine's database: a connection from its pool runs <c>SELECT 1</c> within the timeout. The result's data
/// holds the pool's counters, which tell an exhausted pool from an unreachable database.
/// </summary>
internal sealed class AsyncEngineHealthCheck(AsyncEngine engine, TimeSpan timeout) : IHealthCheck
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    // Shared by every check: a text clause keeps its compiled form, so the probe compiles once.
    private static readonly TextClause Probe = Expressions.Text("SELECT 1");

    // A probe needs no transaction: in autocommit mode it sends no BEGIN, and returning the connection no ROLLBACK.
    private static readonly ExecutionOptions Autocommit = new() { Autocommit = true };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var connection = await engine.ConnectAsync(deadline.Token).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
                await connection.ExecutionOptions(Autocommit).ExecuteAsync(Probe, cancellationToken: deadline.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy("SELECT 1 succeeded.", PoolData());
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"SELECT 1 did not complete within the health check's timeout of {seconds} s: the database is slow or unreachable, or the pool " +
                "has no connection to spare (see the pool's counters).", e, PoolData());
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever keeps the probe from completing makes the database unusable to the application: it is reported, not thrown.
            return new HealthCheckResult(context.Registration.FailureStatus, e.Message, e, PoolData());
        }
    }

    private Dictionary<string, object> PoolData()
    {
        var status = engine.Pool.Status;
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["checkedOut"] = status.CheckedOut,
            ["idle"] = status.Idle,
            ["overflow"] = status.Overflow,
            ["waiting"] = status.Waiting,
            ["size"] = status.Size,
        };
    }
}
