using System.Data.Common;

namespace Framework;

/// <summary>
/// The rows of an ORM SELECT streamed from an open cursor: each database row becomes a row holding its entity, made
/// (or found in the identity map) from the driver's reader as the row is read.
/// </summary>
internal sealed class EntityRowSource(ReaderRowSource inner, string entityName, Func<DbDataReader, object> materialize)
    : RowSource(new ResultMetadata([entityName]), 0)
{
    public override async ValueTask<Row?> Read(bool async, CancellationToken cancellationToken)
    {
        if (!await inner.Advance(async, cancellationToken).ConfigureAwait(false))
        {
            RowCount = inner.RowCount;
            return null;
        }
        return new Row(Metadata!, [materialize(inner.Reader)]);
    }

    public override ValueTask Close(bool async) => inner.Close(async);
}
