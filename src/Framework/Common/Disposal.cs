namespace Framework;

/// <summary>Disposes a driver object on the path that owns it: <c>DisposeAsync</c> when async, <c>Dispose</c> when not.</summary>
internal static class Disposal
{
    public static ValueTask Dispose<T>(T value, bool async) where T : IDisposable, IAsyncDisposable
    {
        if (async)
            return value.DisposeAsync();
        value.Dispose();
        return default;
    }
}
