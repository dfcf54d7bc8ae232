namespace Framework;

/// <summary>
/// The one implementation behind every result face, sync and async: reading, projection to chosen columns,
/// uniquing, and the one/first/all rules with SQLAlchemy's messages. Each operation takes <c>bool async</c>.
/// </summary>
internal sealed class ResultCore(RowSource source)
{
    private int[]? _projection;
    private ResultMetadata? _projected;
    private HashSet<Row>? _seen;
    private bool _closed;
    private bool _exhausted;

    public ResultMetadata Metadata => _projected ?? source.Metadata ?? throw NoRows();

    public bool ReturnsRows => source.Metadata is not null;

    public bool IsClosed => _closed;

    public int RowCount => source.RowCount;

    /// <summary>Where the rows come from (an ORM stream wraps a cursor's source to make entities of its rows).</summary>
    public RowSource Source => source;

    /// <summary>The rows of a buffered result, handed over whole (insertmanyvalues joins its pages' rows).</summary>
    public List<Row> TakeBuffered() => ((BufferedRowSource)source).Rows;

    public void Project(int[] indexes)
    {
        var full = source.Metadata ?? throw NoRows();
        // Indexes count within the columns already chosen (Columns(...).Scalars(i)), not the statement's.
        var current = _projected ?? full;
        foreach (var index in indexes)
        {
            if ((uint)index >= (uint)current.Count)
                throw new ArgumentOutOfRangeException(nameof(indexes), index, $"The result has {current.Count} columns ({string.Join(", ", current.Keys)}).");
        }
        _projection = _projection is null ? indexes : Array.ConvertAll(indexes, i => _projection[i]);
        _projected = full.Project(_projection);
    }

    public int[] Resolve(IReadOnlyList<string> names)
    {
        var indexes = new int[names.Count];
        for (var i = 0; i < indexes.Length; i++)
            indexes[i] = Metadata.RequireIndex(names[i]);
        return indexes;
    }

    public void Unique() => _seen ??= new HashSet<Row>();

    public async ValueTask<Row?> Next(bool async, CancellationToken cancellationToken)
    {
        if (_closed)
            throw Closed();
        if (!ReturnsRows)
            throw NoRows();
        while (!_exhausted)
        {
            var row = await source.Read(async, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                // Soft close: the cursor is released, and further fetches return nothing rather than throw.
                _exhausted = true;
                break;
            }
            if (_projection is not null)
                row = Projected(row);
            if (_seen is null || _seen.Add(row))
                return row;
        }
        return null;
    }

    public async ValueTask<List<Row>> Many(bool async, int? count, CancellationToken cancellationToken)
    {
        // All of a buffered result: one list of its size, not a doubling chain that copies the rows again at each step
        // (10,000 rows ended in an array of 16,384 on the large object heap).
        var rows = new List<Row>(count ?? source.Remaining ?? 4);
        while (count is null || rows.Count < count)
        {
            if (await Next(async, cancellationToken).ConfigureAwait(false) is not { } row)
                break;
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The first row, then closes the result (SQLAlchemy's <c>first()</c>).</summary>
    public async ValueTask<Row?> First(bool async, CancellationToken cancellationToken)
    {
        var row = await Next(async, cancellationToken).ConfigureAwait(false);
        await Close(async).ConfigureAwait(false);
        return row;
    }

    /// <summary>Exactly one row (<paramref name="required"/>) or at most one, then closes the result.</summary>
    public async ValueTask<Row?> Single(bool async, bool required, CancellationToken cancellationToken)
    {
        var row = await Next(async, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            await Close(async).ConfigureAwait(false);
            return required ? throw new NoResultException() : null;
        }
        var second = await Next(async, cancellationToken).ConfigureAwait(false);
        await Close(async).ConfigureAwait(false);
        if (second is not null)
        {
            throw new MultipleResultsException(required
                ? "Multiple rows were found when exactly one was required."
                : "Multiple rows were found when one or none was required.");
        }
        return row;
    }

    public async ValueTask Close(bool async)
    {
        _closed = true;
        await source.Close(async).ConfigureAwait(false);
    }

    public static List<T> ConvertAll<T>(List<Row> rows, Func<Row, T> convert)
    {
        // Rows need no conversion: hand back the list as read.
        if (typeof(T) == typeof(Row))
            return (List<T>)(object)rows;
        var items = new List<T>(rows.Count);
        foreach (var row in rows)
            items.Add(convert(row));
        return items;
    }

    private Row Projected(Row row)
    {
        var values = new object?[_projection!.Length];
        for (var i = 0; i < values.Length; i++)
            values[i] = row[_projection[i]];
        return new Row(_projected!, values);
    }

    private static InvalidOperationException Closed() =>
        new("This result object is closed: it was read to the end, or First/One/Scalar/Close consumed it. Keep the rows you need from one call (All, FetchAll).");

    private static InvalidOperationException NoRows() =>
        new("This result object does not return rows: the statement was not a SELECT or had no RETURNING clause. Read RowCount instead.");
}
