namespace Framework.Orm;

/// <summary>How a session behaves.</summary>
public sealed record SessionOptions
{
    /// <summary>Whether a commit expires every instance, so the next read loads what the database now holds (default true).</summary>
    public bool ExpireOnCommit { get; set; } = true;

    /// <summary>Whether pending changes are flushed before each query, so the query sees them (default true).</summary>
    public bool Autoflush { get; set; } = true;

    /// <summary>
    /// Options for every transaction the session begins, applied before its first statement (its isolation level); a
    /// transaction begun with <c>BeginAsync(options)</c> or <c>ConnectionAsync(options)</c> uses those instead. Autocommit is
    /// refused: a session's unit of work is one transaction.
    /// </summary>
    public ExecutionOptions? ExecutionOptions { get; set; }

    /// <summary>How a session bound to a connection joins the transaction in progress there (default <see cref="JoinTransactionMode.ConservativeSavepoint"/>).</summary>
    public JoinTransactionMode JoinTransactionMode { get; set; }

    /// <summary>
    /// Loader options the session applies to every ORM SELECT (and GetAsync) of the entity each option starts from, as if
    /// written on the statement; an option the statement itself has for the same attribute wins. A session adds more with
    /// <c>AddDefaultLoaderOptions</c>.
    /// </summary>
    public IReadOnlyList<LoaderOption> DefaultLoaderOptions { get; set; } = [];
}
