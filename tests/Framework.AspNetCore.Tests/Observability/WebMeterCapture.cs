using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;

namespace Framework.AspNetCore.Tests.Observability;

/// <summary>
/// The measurements of the web layer's meter (<c>Framework.AspNetCore</c>) made during requests that carry
/// <see cref="MarkHeader"/> with this capture's mark. A meter is process-wide and other tests' hosts count on it meanwhile:
/// the listener's callback runs inside the request that counts, whose HttpContext says whose it is.
/// </summary>
public sealed class WebMeterCapture : IDisposable
{
    public const string MarkHeader = "X-Test-Mark";

    private static readonly HttpContextAccessor Requests = new();

    private readonly MeterListener _listener = new();

    public WebMeterCapture()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Framework.AspNetCore")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    public string Mark { get; } = Guid.NewGuid().ToString("N");

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    public void Dispose() => _listener.Dispose();

    /// <summary>One measurement: the instrument's name, the value, and the tags.</summary>
    public sealed record Measurement(string Instrument, long Value, IReadOnlyDictionary<string, object?> Tags);

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (Requests.HttpContext?.Request.Headers[MarkHeader].ToString() != Mark)
            return;
        var pairs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, tag) in tags)
            pairs[key] = tag;
        Measurements.Enqueue(new Measurement(instrument.Name, value, pairs));
    }
}
