using System.Text;

namespace Framework.Sql;

/// <summary>
/// Checks and quotes SQL identifiers. Any name is allowed except an empty one or one holding a NUL character; a
/// name that is not a plain lower-case word, or is a reserved word, is written quoted, with its quotes doubled.
/// </summary>
internal static class Identifiers
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "all", "alter", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between", "binary",
        "both", "by", "case", "cast", "check", "collate", "column", "constraint", "create", "cross", "current_date", "current_role",
        "current_time", "current_timestamp", "current_user", "default", "deferrable", "delete", "desc", "distinct", "do", "drop",
        "else", "end", "except", "exists", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having",
        "ilike", "in", "index", "initially", "inner", "insert", "intersect", "into", "is", "isnull", "join", "key", "lateral",
        "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on",
        "only", "or", "order", "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
        "session_user", "set", "similar", "some", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique",
        "update", "user", "using", "values", "variadic", "verbose", "when", "where", "window", "with",
    };

    public static void Validate(string name, string what)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
            throw new ArgumentException($"A {what} name cannot be empty.", nameof(name));
        if (name.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException($"The {what} name '{name.Replace("\0", "\\0", StringComparison.Ordinal)}' holds a NUL character, which no database accepts in a name.", nameof(name));
    }

    /// <summary>The name as SQL: bare when it is a plain lower-case word that is not reserved, else double-quoted.</summary>
    public static string Quote(string name)
    {
        if (IsPlain(name))
            return name;
        var quoted = new StringBuilder(name.Length + 2).Append('"');
        foreach (var c in name)
            quoted.Append(c == '"' ? "\"\"" : c);
        return quoted.Append('"').ToString();
    }

    private static bool IsPlain(string name)
    {
        if (!(char.IsAsciiLetterLower(name[0]) || name[0] == '_'))
            return false;
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
                return false;
        }
        return !Reserved.Contains(name);
    }
}
