using System.Text;

namespace Framework;

/// <summary>
/// An error the database or its driver reported while running a statement. The driver's exception is the
/// <see cref="Exception.InnerException"/>; the SQL and, when enabled, the parameters are kept for diagnosis.
/// </summary>
public class DatabaseException : FrameworkException
{
    private readonly bool _isTransient;

    /// <summary>Creates the exception.</summary>
    public DatabaseException(string message, Exception? innerException, string? sql, IReadOnlyList<object?>? parameters,
        bool isTransient, bool connectionInvalidated)
        : base(message, innerException)
    {
        Sql = sql;
        Parameters = parameters;
        _isTransient = isTransient;
        ConnectionInvalidated = connectionInvalidated;
    }

    /// <inheritdoc />
    public override string Code => "FWK2000";

    /// <summary>The SQL that failed, as sent to the driver; null when the failure was not tied to a statement.</summary>
    public string? Sql { get; }

    /// <summary>
    /// The bound parameter values, or null when they are hidden (the default; set
    /// <see cref="EngineOptions.IncludeParametersInErrors"/> to keep them).
    /// </summary>
    public IReadOnlyList<object?>? Parameters { get; }

    /// <summary>Whether the failure broke the connection, which was therefore discarded from the pool.</summary>
    public bool ConnectionInvalidated { get; }

    /// <summary>The SQLSTATE or driver error code, when the driver gave one.</summary>
    public string? DriverCode { get; internal set; }

    /// <inheritdoc />
    public override bool IsTransient => _isTransient;

    internal static string Describe(string driverMessage, string hint, string code, string? sql, IReadOnlyList<object?>? parameters, bool parametersHidden)
    {
        var text = new StringBuilder(driverMessage.Length + (sql?.Length ?? 0) + 128);
        text.Append(driverMessage.TrimEnd());
        if (sql is not null)
        {
            text.Append("\n[SQL: ").Append(sql).Append(']');
            if (parameters is not null)
            {
                text.Append("\n[parameters: ").Append(RowFormatter.Format(parameters)).Append(']');
            }
            else if (parametersHidden)
            {
                text.Append("\n[parameters hidden: set EngineOptions.IncludeParametersInErrors = true to include them]");
            }
        }
        if (hint.Length > 0)
            text.Append('\n').Append(hint);
        text.Append(" (").Append(code).Append(')');
        return text.ToString();
    }
}
