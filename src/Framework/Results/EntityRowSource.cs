namespace Framework;

/// <summary>
/// The rows of an ORM SELECT streamed from an open cursor: each database row becomes a row holding its entity, made
/// (or found in the identity map) as the row is read.
/// </summary>
internal sealed class EntityRowSource(RowSource inner, string entityName, Func<Row, object> materialize) : RowSource(new ResultMetadata([entityName]), 0)
{
    public override async ValueTask<Row?> Read(bool async, CancellationToken cancellationToken)
    {
        if (await inner.Read(async, cancellationToken).ConfigureAwait(false) is not { } row)
        {
            RowCount = inner.RowCount;
            return null;
        }
        return new Row(Metadata!, [materialize(row)]);
    }

    public override ValueTask Close(bool async) => inner.Close(async);
}
