namespace Framework.Orm;

/// <summary>A default the database computes (SQL text, such as <c>CURRENT_TIMESTAMP</c>) when an INSERT gives no value.</summary>
/// <param name="sql">The default's SQL.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ServerDefaultAttribute(string sql) : Attribute
{
    /// <summary>The default's SQL.</summary>
    public string Sql { get; } = sql;
}
