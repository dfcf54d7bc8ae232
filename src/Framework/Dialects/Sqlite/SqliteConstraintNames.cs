using System.Text.RegularExpressions;

namespace Framework.Dialects.Sqlite;

/// <summary>
/// SQLite keeps no names for table constraints except in the CREATE TABLE text, so this reads them from there, as
/// SQLAlchemy's SQLite dialect does: <c>CONSTRAINT name UNIQUE (a, b)</c> and <c>CONSTRAINT name FOREIGN KEY (a, b)</c>,
/// matched to the reflected constraint by its column list.
/// </summary>
internal static partial class SqliteConstraintNames
{
    /// <summary>The name given to the UNIQUE constraint (or FOREIGN KEY, with <paramref name="foreignKey"/>) on exactly <paramref name="columns"/>, or null.</summary>
    public static string? Find(string? createTable, bool foreignKey, IReadOnlyList<string> columns)
    {
        if (createTable is null)
            return null;
        foreach (Match match in NamedConstraint().Matches(createTable))
        {
            if (match.Groups["fk"].Success != foreignKey)
                continue;
            var named = match.Groups["columns"].Value.Split(',').Select(Column).ToList();
            if (named.Count == columns.Count && named.Zip(columns).All(pair => pair.First.Equals(pair.Second, StringComparison.OrdinalIgnoreCase)))
                return Unquote(match.Groups["name"].Value);
        }
        return null;
    }

    // A column entry may carry COLLATE or ASC/DESC after its name: the name is the first token.
    private static string Column(string entry)
    {
        var text = entry.Trim();
        if (text.Length > 0 && text[0] is '"' or '`' or '[')
        {
            var close = text[0] == '[' ? ']' : text[0];
            var end = text.IndexOf(close, 1);
            return end > 0 ? text[1..end] : text;
        }
        var space = text.IndexOfAny([' ', '\t', '\r', '\n']);
        return space > 0 ? text[..space] : text;
    }

    private static string Unquote(string name) =>
        name.Length >= 2 && name[0] is '"' or '`' or '[' ? name[1..^1] : name;

    [GeneratedRegex("""CONSTRAINT\s+(?<name>"[^"]+"|`[^`]+`|\[[^\]]+\]|\w+)\s+(?:(?<fk>FOREIGN\s+KEY)|UNIQUE)\s*\((?<columns>[^)]*)\)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamedConstraint();
}
