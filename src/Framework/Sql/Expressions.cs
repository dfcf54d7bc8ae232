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

    /// <summary>
    /// SELECT of columns, expressions or whole tables (a table stands for all its columns), from the tables they
    /// belong to: <c>Select(t1).Where(t1.C["name"] == "x")</c>.
    /// </summary>
    public static Select Select(params object[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0)
            throw new ArgumentException("Select needs at least one column or table.", nameof(columns));
        var selected = new List<ColumnElement>();
        var froms = new List<Table>();
        foreach (var item in columns)
        {
            switch (item)
            {
                case Table table:
                    selected.AddRange(table.C);
                    ClauseElement.AddTable(froms, table);
                    break;
                case ColumnElement element:
                    selected.Add(element);
                    break;
                default:
                    throw new ArgumentException(
                        $"Select takes tables, columns and expressions, not {item?.GetType().Name ?? "null"}. For a literal value, use Text(...) or a bound parameter.", nameof(columns));
            }
        }
        return new Select([.. selected], [.. froms]);
    }
}
