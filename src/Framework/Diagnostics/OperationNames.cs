namespace Framework.Diagnostics;

/// <summary>
/// How telemetry names one kind of database operation: OpenTelemetry's <c>db.operation.name</c> and
/// <c>db.collection.name</c>, and the span name they make (<c>{operation} {collection}</c>, or the operation alone).
/// Built once per compiled statement, so naming a span costs nothing per execution.
/// </summary>
internal sealed class OperationNames
{
    private OperationNames? _batch;

    public OperationNames(string? operation, string? collection)
    {
        Operation = operation;
        Collection = collection;
        SpanName = operation is null ? null : collection is null ? operation : $"{operation} {collection}";
    }

    /// <summary>SQL text, whose operations Framework does not read out of it: the span is named after the database instead.</summary>
    public static OperationNames Unknown { get; } = new(null, null);

    public static OperationNames Commit { get; } = new("COMMIT", null);

    public static OperationNames Rollback { get; } = new("ROLLBACK", null);

    public static OperationNames Savepoint { get; } = new("SAVEPOINT", null);

    public static OperationNames ReleaseSavepoint { get; } = new("RELEASE SAVEPOINT", null);

    public static OperationNames RollbackToSavepoint { get; } = new("ROLLBACK TO SAVEPOINT", null);

    /// <summary>SELECT, INSERT, UPDATE, DELETE, COMMIT, ...; null for SQL text.</summary>
    public string? Operation { get; }

    /// <summary>The one table the statement works on; null when it reads several, or SQL text Framework cannot see into.</summary>
    public string? Collection { get; }

    /// <summary>The span's name; null when the operation is unknown.</summary>
    public string? SpanName { get; }

    /// <summary>The same statement run over many parameter sets (executemany): <c>BATCH INSERT</c>, or <c>BATCH</c> for SQL text.</summary>
    public OperationNames Batch => _batch ??= new(Operation is null ? "BATCH" : "BATCH " + Operation, Collection);
}
