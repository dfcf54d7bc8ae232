using System.Collections.Concurrent;

namespace Framework.AspNetCore.TestApp;

/// <summary>
/// A point where an endpoint waits for the test that called it (the test runs the app in its own process): the test sees
/// the endpoint arrive, does something meanwhile (reads or changes the database), then lets it go on.
/// </summary>
public sealed class Gate
{
    private static readonly ConcurrentDictionary<string, Gate> Gates = new(StringComparer.Ordinal);

    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The gate of that name, made on first use by either side.</summary>
    public static Gate Named(string name) => Gates.GetOrAdd(name, _ => new Gate());

    /// <summary>Completes when the endpoint arrived at the gate.</summary>
    public Task Reached => _reached.Task;

    /// <summary>Lets the endpoint go on.</summary>
    public void Open() => _opened.TrySetResult();

    /// <summary>Arrives, then waits until the test opens the gate (at most 30 seconds, so that a failed test ends).</summary>
    public async Task Pass()
    {
        _reached.TrySetResult();
        await _opened.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
