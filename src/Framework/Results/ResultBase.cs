using System.Collections;

namespace Framework;

/// <summary>
/// What every synchronous result offers, whatever it yields (<see cref="Row"/>, a scalar, a <see cref="RowMapping"/>):
/// SQLAlchemy's fetch methods. Enumerating it reads the remaining rows.
/// </summary>
/// <typeparam name="T">What each row becomes.</typeparam>
public abstract class ResultBase<T> : IEnumerable<T>, IDisposable
{
    private protected ResultBase(ResultCore core) => Core = core;

    internal ResultCore Core { get; }

    private protected abstract T Convert(Row row);

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Keys() => Core.Metadata.Keys;

    /// <summary>The next row, or null when there are no more.</summary>
    public T? FetchOne() => SyncPath.Run(Core.Next(false, default)) is { } row ? Convert(row) : default;

    /// <summary>Up to <paramref name="size"/> more rows.</summary>
    public IReadOnlyList<T> FetchMany(int size) => ResultCore.ConvertAll(SyncPath.Run(Core.Many(false, size, default)), Convert);

    /// <summary>Every remaining row.</summary>
    public IReadOnlyList<T> FetchAll() => ResultCore.ConvertAll(SyncPath.Run(Core.Many(false, null, default)), Convert);

    /// <summary>Every remaining row (the same as <see cref="FetchAll"/>).</summary>
    public IReadOnlyList<T> All() => FetchAll();

    /// <summary>The first row, or null if there is none; closes the result.</summary>
    public T? First() => SyncPath.Run(Core.First(false, default)) is { } row ? Convert(row) : default;

    /// <summary>Exactly one row; throws <see cref="NoResultException"/> or <see cref="MultipleResultsException"/> otherwise. Closes the result.</summary>
    public T One() => Convert(SyncPath.Run(Core.Single(false, required: true, default))!);

    /// <summary>One row, or null if there is none; throws <see cref="MultipleResultsException"/> for more. Closes the result.</summary>
    public T? OneOrNone() => SyncPath.Run(Core.Single(false, required: false, default)) is { } row ? Convert(row) : default;

    /// <summary>The remaining rows in lists of up to <paramref name="size"/>.</summary>
    public IEnumerable<IReadOnlyList<T>> Partitions(int size = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return Partitioned(size);
    }

    private IEnumerable<IReadOnlyList<T>> Partitioned(int size)
    {
        while (FetchMany(size) is { Count: > 0 } partition)
            yield return partition;
    }

    /// <summary>Closes the result, releasing its cursor; further fetches throw.</summary>
    public void Close() => SyncPath.Run(Core.Close(false));

    /// <summary>Closes the result.</summary>
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator()
    {
        while (SyncPath.Run(Core.Next(false, default)) is { } row)
            yield return Convert(row);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
