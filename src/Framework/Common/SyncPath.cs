namespace Framework;

/// <summary>
/// The sync faces call the shared cores with <c>async: false</c>, where every await completes synchronously;
/// this unwraps the finished <see cref="ValueTask"/> and fails loudly if a core ever yields on that path.
/// </summary>
internal static class SyncPath
{
    public static T Run<T>(ValueTask<T> task) => task.IsCompleted
        ? task.GetAwaiter().GetResult()
        : throw new InvalidOperationException("Internal error: a synchronous operation did not complete synchronously.");

    public static void Run(ValueTask task)
    {
        if (!task.IsCompleted)
            throw new InvalidOperationException("Internal error: a synchronous operation did not complete synchronously.");
        task.GetAwaiter().GetResult();
    }
}
