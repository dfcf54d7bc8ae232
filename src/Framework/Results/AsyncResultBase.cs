using System.Runtime.CompilerServices;

namespace Framework;

/// <summary>
/// What every streaming result offers: SQLAlchemy's fetch methods, each awaited because rows arrive from an open
/// cursor. Dispose it (<c>await using</c>) to release the cursor and its connection.
/// </summary>
/// <typeparam name="T">What each row becomes.</typeparam>
public abstract class AsyncResultBase<T> : IAsyncEnumerable<T>, IAsyncDisposable
{
    private protected AsyncResultBase(ResultCore core) => Core = core;

    internal ResultCore Core { get; }

    private protected abstract T Convert(Row row);

    /// <inheritdoc cref="ResultBase{T}.Keys"/>
    public IReadOnlyList<string> Keys() => Core.Metadata.Keys;

    /// <inheritdoc cref="ResultBase{T}.FetchOne"/>
    public async ValueTask<T?> FetchOneAsync(CancellationToken cancellationToken = default) =>
        await Core.Next(true, cancellationToken).ConfigureAwait(false) is { } row ? Convert(row) : default;

    /// <inheritdoc cref="ResultBase{T}.FetchMany"/>
    public async ValueTask<IReadOnlyList<T>> FetchManyAsync(int size, CancellationToken cancellationToken = default) =>
        ResultCore.ConvertAll(await Core.Many(true, size, cancellationToken).ConfigureAwait(false), Convert);

    /// <inheritdoc cref="ResultBase{T}.FetchAll"/>
    public async ValueTask<IReadOnlyList<T>> FetchAllAsync(CancellationToken cancellationToken = default) =>
        ResultCore.ConvertAll(await Core.Many(true, null, cancellationToken).ConfigureAwait(false), Convert);

    /// <summary>Every remaining row (the same as <see cref="FetchAllAsync"/>).</summary>
    public ValueTask<IReadOnlyList<T>> AllAsync(CancellationToken cancellationToken = default) => FetchAllAsync(cancellationToken);

    /// <inheritdoc cref="ResultBase{T}.First"/>
    public async ValueTask<T?> FirstAsync(CancellationToken cancellationToken = default) =>
        await Core.First(true, cancellationToken).ConfigureAwait(false) is { } row ? Convert(row) : default;

    /// <summary>Exactly one row; throws <see cref="NoResultException"/> or <see cref="MultipleResultsException"/> otherwise.</summary>
    public async ValueTask<T> OneAsync(CancellationToken cancellationToken = default) =>
        Convert((await Core.Single(true, required: true, cancellationToken).ConfigureAwait(false))!);

    /// <summary>One row, or null if there is none; throws <see cref="MultipleResultsException"/> for more.</summary>
    public async ValueTask<T?> OneOrNoneAsync(CancellationToken cancellationToken = default) =>
        await Core.Single(true, required: false, cancellationToken).ConfigureAwait(false) is { } row ? Convert(row) : default;

    /// <inheritdoc cref="ResultBase{T}.Partitions"/>
    public IAsyncEnumerable<IReadOnlyList<T>> PartitionsAsync(int size = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return Partitioned(size, cancellationToken);
    }

    private async IAsyncEnumerable<IReadOnlyList<T>> Partitioned(int size, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await FetchManyAsync(size, cancellationToken).ConfigureAwait(false) is { Count: > 0 } partition)
            yield return partition;
    }

    /// <inheritdoc cref="ResultBase{T}.Close"/>
    public ValueTask CloseAsync() => Core.Close(true);

    /// <inheritdoc cref="ResultBase{T}.Dispose"/>
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return CloseAsync();
    }

    /// <inheritdoc />
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        while (await Core.Next(true, cancellationToken).ConfigureAwait(false) is { } row)
            yield return Convert(row);
    }
}
