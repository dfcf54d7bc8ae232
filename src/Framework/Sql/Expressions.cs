namespace Framework.Sql;

/// <summary>The expression language's entry points, meant for <c>using static Framework.Sql.Expressions;</c>.</summary>
public static class Expressions
{
    /// <summary>Literal SQL with <c>:name</c> bind parameters, e.g. <c>Text("select * from t where id = :id")</c>.</summary>
    public static TextClause Text(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return new TextClause(sql);
    }
}
