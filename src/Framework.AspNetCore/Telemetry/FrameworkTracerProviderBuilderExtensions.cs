using Framework.Diagnostics;

namespace OpenTelemetry.Trace;

/// <summary>Wires Framework's spans into OpenTelemetry tracing.</summary>
public static class FrameworkTracerProviderBuilderExtensions
{
    /// <summary>
    /// Subscribes to Framework's <see cref="System.Diagnostics.ActivitySource"/>: a client span per statement, COMMIT,
    /// ROLLBACK and savepoint step, after OpenTelemetry's database semantic conventions.
    /// </summary>
    /// <param name="builder">The tracer provider builder (<c>services.AddOpenTelemetry().WithTracing(tracing => ...)</c>).</param>
    /// <returns>The builder.</returns>
    public static TracerProviderBuilder AddFrameworkInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(FrameworkDiagnostics.ActivitySourceName);
    }
}
