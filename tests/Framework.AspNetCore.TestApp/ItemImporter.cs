using System.Threading.Channels;
using Framework.Orm;

namespace Framework.AspNetCore.TestApp;

/// <summary>
/// A queue consumer as a <see cref="BackgroundService"/>: each queued name becomes an item in a background unit of work of
/// its own, committed when the work completes, rolled back when it throws (a name ending in "fail" throws after the
/// flush). Not registered by the app; a test adds it with <see cref="AddItemImporter"/>.
/// </summary>
public sealed class ItemImporter(BackgroundUnitOfWork unitOfWork, AsyncScopedSession scoped) : BackgroundService
{
    private readonly Channel<(string Name, TaskCompletionSource<bool> Done)> _queue = Channel.CreateUnbounded<(string, TaskCompletionSource<bool>)>();

    /// <summary>Registers the importer as a singleton and as a hosted service.</summary>
    public static void AddItemImporter(IServiceCollection services) =>
        services.AddSingleton<ItemImporter>().AddHostedService(provider => provider.GetRequiredService<ItemImporter>());

    /// <summary>
    /// Queues <paramref name="name"/>. The task ends when its unit of work has: true when the scoped session was the unit of
    /// work's own inside it, faulted with the work's exception when it threw.
    /// </summary>
    public Task<bool> ImportAsync(string name)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite((name, done)) ? done.Task : throw new InvalidOperationException("The importer has stopped.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (name, done) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var scopedIsOwn = false;
            try
            {
                await unitOfWork.RunAsync(async (session, cancellationToken) =>
                {
                    session.Add(new Item { Name = name });
                    await session.FlushAsync(cancellationToken);
                    scopedIsOwn = ReferenceEquals(scoped.Current, session);
                    if (name.EndsWith("fail", StringComparison.Ordinal))
                        throw new InvalidOperationException($"Importing '{name}' failed after the flush.");
                }, stoppingToken);
                done.SetResult(scopedIsOwn);
            }
            catch (Exception e)
            {
                // The consumer goes on with the next name; the one who queued this one learns why it failed.
                done.SetException(e);
            }
        }
    }
}
