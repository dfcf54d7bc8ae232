using Framework;
using Framework.AspNetCore.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Framework's database health check.</summary>
public static class AsyncEngineHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check that runs <c>SELECT 1</c> on a connection of the <see cref="AsyncEngine"/> registered in DI, within
    /// <paramref name="timeout"/>. It reports <see cref="HealthStatus.Healthy"/> when the statement completes, else
    /// <paramref name="failureStatus"/> with the error's message; either way its data holds the pool's counters
    /// (<c>checkedOut</c>, <c>idle</c>, <c>overflow</c>, <c>waiting</c>, <c>size</c>).
    /// </summary>
    /// <param name="builder">The health checks builder, from <c>services.AddHealthChecks()</c>.</param>
    /// <param name="name">The check's name; <c>framework</c> by default. Give each engine's check its own.</param>
    /// <param name="serviceKey">The key of a keyed engine (<c>AddKeyedAsyncEngine</c>); null for the unkeyed one.</param>
    /// <param name="failureStatus">What a failed check reports; <see cref="HealthStatus.Unhealthy"/> by default.</param>
    /// <param name="tags">Tags to filter checks by (<c>MapHealthChecks</c>'s predicate).</param>
    /// <param name="timeout">How long the check may take, from checkout to the statement's end; 5 seconds by default.</param>
    /// <returns>The builder, to chain further checks.</returns>
    public static IHealthChecksBuilder AddAsyncEngineCheck(this IHealthChecksBuilder builder, string name = "framework", object? serviceKey = null,
        HealthStatus? failureStatus = null, IEnumerable<string>? tags = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var limit = timeout ?? AsyncEngineHealthCheck.DefaultTimeout;
        if (limit <= TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), limit, "The health check's timeout must be positive (or Timeout.InfiniteTimeSpan).");
        return builder.Add(new HealthCheckRegistration(name, services => new AsyncEngineHealthCheck(
            serviceKey is null ? services.GetRequiredService<AsyncEngine>() : services.GetRequiredKeyedService<AsyncEngine>(serviceKey), limit),
            failureStatus, tags));
    }
}
