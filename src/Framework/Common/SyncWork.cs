namespace Framework;

/// <summary>Runs synchronous work for a RunSyncAsync: on the caller's flow, its exception carried by the returned task.</summary>
internal static class SyncWork
{
    public static Task Run(Action work)
    {
        try
        {
            work();
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    public static Task<T> Run<T>(Func<T> work)
    {
        try
        {
            return Task.FromResult(work());
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }
}
