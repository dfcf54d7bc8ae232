namespace Framework.Diagnostics;

/// <summary>
/// The names under which Framework reports telemetry, for wiring it into a tracing or metrics pipeline by hand
/// (<c>tracing.AddSource(FrameworkDiagnostics.ActivitySourceName)</c>). Spans and instruments follow OpenTelemetry's
/// database semantic conventions.
/// </summary>
public static class FrameworkDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> that emits a client span per database operation.</summary>
    public const string ActivitySourceName = "Framework";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> that reports operation durations and the pools' connections.</summary>
    public const string MeterName = "Framework";
}
