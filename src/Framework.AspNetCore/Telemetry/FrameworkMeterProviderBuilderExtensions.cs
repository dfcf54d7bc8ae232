using Framework.Diagnostics;

namespace OpenTelemetry.Metrics;

/// <summary>Wires Framework's metrics into OpenTelemetry.</summary>
public static class FrameworkMeterProviderBuilderExtensions
{
    /// <summary>
    /// Subscribes to Framework's <see cref="System.Diagnostics.Metrics.Meter"/>: <c>db.client.operation.duration</c> and the
    /// pools' <c>db.client.connection.*</c> instruments, after OpenTelemetry's database semantic conventions, and the web
    /// layer's meter <c>Framework.AspNetCore</c> (<c>framework.request.query_budget.exceeded</c>,
    /// <c>framework.request.n_plus_one.suspected</c>).
    /// </summary>
    /// <param name="builder">The meter provider builder (<c>services.AddOpenTelemetry().WithMetrics(metrics => ...)</c>).</param>
    /// <returns>The builder.</returns>
    public static MeterProviderBuilder AddFrameworkInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(FrameworkDiagnostics.MeterName, Framework.AspNetCore.WebMetrics.MeterName);
    }
}
