using Framework.Sql;

namespace Framework.Orm;

/// <summary>An ORM statement about to run (<see cref="SessionEvents.DoOrmExecute"/>).</summary>
public sealed class OrmExecuteEventArgs : SessionEventArgs
{
    private Executable _statement;

    internal OrmExecuteEventArgs(Session session, Executable statement, bool populateExisting) : base(session)
    {
        _statement = statement;
        PopulateExisting = populateExisting;
    }

    /// <summary>The statement; a handler may replace it with another of the same type (a Select&lt;T&gt; with a Select&lt;T&gt;).</summary>
    public Executable Statement
    {
        get => _statement;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.GetType() != _statement.GetType())
            {
                throw new ArgumentException(
                    $"A DoOrmExecute handler may replace the statement only with one of the same type ({TypeNames.Of(_statement.GetType())}), not {Articles.With(TypeNames.Of(value.GetType()))}.",
                    nameof(value));
            }
            _statement = value;
        }
    }

    /// <summary>Whether it is an ORM SELECT.</summary>
    public bool IsSelect => _statement is SelectBase;

    /// <summary>Whether it is an ORM-enabled UPDATE.</summary>
    public bool IsUpdate => Is(typeof(Update<>));

    /// <summary>Whether it is an ORM-enabled DELETE.</summary>
    public bool IsDelete => Is(typeof(Delete<>));

    /// <summary>Whether the rows overwrite the attributes of instances the session already holds; a handler may turn it on.</summary>
    public bool PopulateExisting { get; set; }

    private bool Is(Type definition) => _statement.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == definition;
}
