using System.Security.Cryptography;
using System.Text;

namespace Framework.Sql;

/// <summary>
/// Checks and quotes SQL identifiers. Any name is allowed except an empty one or one holding a NUL character; a
/// name that is not a plain lower-case word, or is a keyword of either database, is written quoted, with its quotes
/// doubled. A name longer than the dialect keeps is refused when the SQL is written, never cut short.
/// </summary>
internal static class Identifiers
{
    // PostgreSQL's keywords that are not usable bare everywhere (pg_get_keywords() catcode R and T, and a few of C),
    // and every SQLite keyword (sqlite.org/lang_keywords.html; SQLite takes some bare and not others, by position).
    // One set for both, so a statement reads the same on either.
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
        "collation", "concurrently", "current_catalog", "current_schema", "system_user", "tablesample",
        "abort", "action", "add", "after", "always", "attach", "autoincrement", "before", "begin", "cascade", "commit", "conflict",
        "current", "database", "deferred", "detach", "each", "escape", "exclude", "exclusive", "explain", "fail", "filter", "first",
        "following", "generated", "glob", "groups", "if", "ignore", "immediate", "indexed", "instead", "last", "match", "materialized",
        "no", "nothing", "nulls", "of", "others", "over", "partition", "plan", "pragma", "preceding", "query", "raise", "range",
        "recursive", "regexp", "reindex", "release", "rename", "replace", "restrict", "rollback", "row", "rows", "savepoint", "temp",
        "temporary", "ties", "transaction", "trigger", "unbounded", "vacuum", "view", "virtual", "without",
    };

    // Longer names are quoted in messages by their start and their length: a runaway name must not make a runaway message.
    private const int ShownWhole = 80, ShownStart = 40;

    public static void Validate(string name, string what)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
            throw new ArgumentException($"A {what} name cannot be empty.", nameof(name));
        if (name.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException($"The {what} name {Quoted(name).Replace("\0", "\\0", StringComparison.Ordinal)} holds a NUL character, which no database accepts in a name.", nameof(name));
    }

    /// <summary>
    /// The name as a message quotes it: <c>'name'</c>, or for a name over 80 characters its first 40, then "…" and its
    /// length: <c>'aaaa…' (100000 characters)</c>.
    /// </summary>
    public static string Quoted(string? name) =>
        name is null ? "''" : name.Length <= ShownWhole ? $"'{name}'" : $"'{Start(name)}…' ({name.Length} characters)";

    /// <summary>The name as a message lists it, unquoted: whole, or its first 40 characters, "…" and its length.</summary>
    public static string Shortened(string name) =>
        name.Length <= ShownWhole ? name : $"{Start(name)}… ({name.Length} characters)";

    /// <summary>Names as a message lists them, comma-separated, each <see cref="Shortened(string)"/>.</summary>
    public static string Shortened(IEnumerable<string> names) => string.Join(", ", names.Select(Shortened));

    // Never half of a surrogate pair.
    private static string Start(string name) => name[..(char.IsHighSurrogate(name[ShownStart - 1]) ? ShownStart - 1 : ShownStart)];

    /// <summary>
    /// The name as <paramref name="dialect"/>'s SQL: bare when it is a plain lower-case word that is not a keyword,
    /// else double-quoted. A name over the dialect's length limit is refused: the database would silently keep
    /// only its start, and then find no table, column or label under the name given.
    /// </summary>
    public static string Quote(string name, Dialect dialect)
    {
        if (dialect.MaxIdentifierBytes is { } limit && Encoding.UTF8.GetByteCount(name) is var bytes && bytes > limit)
        {
            throw new InvalidOperationException(
                $"The name {Quoted(name)} is {bytes} bytes long in UTF-8, over {dialect.Name}'s limit of {limit} bytes for a name: the database would " +
                $"silently cut it short. Choose a name of at most {limit} bytes.");
        }
        return Quote(name);
    }

    /// <summary>
    /// A name Framework made up (<c>ix_table_column</c>, <c>fk_table_column_target</c>) cut to the dialect's limit
    /// when it is over: its start, then <c>_</c> and eight hex digits of a hash of the whole name, so two long names
    /// stay apart and the same name is made for CREATE and for DROP.
    /// </summary>
    public static string Fit(string generated, Dialect dialect)
    {
        if (dialect.MaxIdentifierBytes is not { } limit || Encoding.UTF8.GetByteCount(generated) <= limit)
            return generated;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(generated)))[..8];
        var keep = generated.Length;
        while (Encoding.UTF8.GetByteCount(generated.AsSpan(0, keep)) + 1 + hash.Length > limit || char.IsHighSurrogate(generated[keep - 1]))
            keep--;
        return $"{generated[..keep]}_{hash}";
    }

    /// <summary>The name as SQL: bare when it is a plain lower-case word that is not a keyword, else double-quoted.</summary>
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
