using System.Text;

namespace Framework.Dialects.Sqlite;

/// <summary>
/// SQLite keeps no names for table constraints except in the CREATE TABLE text, so this reads them from there, as
/// SQLAlchemy's SQLite dialect does: <c>CONSTRAINT name UNIQUE (a, b)</c> and <c>CONSTRAINT name FOREIGN KEY (a, b)</c>,
/// matched to the reflected constraint by its column list. The text is read token by token, so a quoted name may
/// hold anything (doubled quotes, commas, parentheses, the word CONSTRAINT) without being misread.
/// </summary>
internal static class SqliteConstraintNames
{
    /// <summary>The name given to the UNIQUE constraint (or FOREIGN KEY, with <paramref name="foreignKey"/>) on exactly <paramref name="columns"/>, or null.</summary>
    public static string? Find(string? createTable, bool foreignKey, IReadOnlyList<string> columns)
    {
        if (createTable is null)
            return null;
        var tokens = Tokenize(createTable);
        for (var i = 0; i + 3 < tokens.Count; i++)
        {
            if (!tokens[i].IsWord("CONSTRAINT") || tokens[i + 1].Kind == TokenKind.Symbol)
                continue;
            var name = tokens[i + 1].Text;
            var next = i + 2;
            bool isForeignKey;
            if (tokens[next].IsWord("UNIQUE"))
                isForeignKey = false;
            else if (tokens[next].IsWord("FOREIGN") && next + 1 < tokens.Count && tokens[next + 1].IsWord("KEY"))
            {
                isForeignKey = true;
                next++;
            }
            else
                continue;
            if (isForeignKey != foreignKey || ColumnList(tokens, next + 1) is not { } named)
                continue;
            if (named.Count == columns.Count && named.Zip(columns).All(pair => pair.First.Equals(pair.Second, StringComparison.OrdinalIgnoreCase)))
                return name;
        }
        return null;
    }

    // "(a COLLATE x, b DESC)": each entry's first token is the column's name.
    private static List<string>? ColumnList(List<Token> tokens, int start)
    {
        if (start >= tokens.Count || !tokens[start].IsSymbol('('))
            return null;
        var names = new List<string>();
        var depth = 0;
        var entryStart = true;
        for (var i = start + 1; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.IsSymbol('('))
                depth++;
            else if (token.IsSymbol(')') && depth-- == 0)
                return names;
            else if (token.IsSymbol(',') && depth == 0)
            {
                entryStart = true;
                continue;
            }
            if (entryStart)
            {
                names.Add(token.Text);
                entryStart = false;
            }
        }
        return null;
    }

    private enum TokenKind
    {
        Word,
        Quoted,
        Symbol,
    }

    private readonly record struct Token(TokenKind Kind, string Text)
    {
        public bool IsWord(string word) => Kind == TokenKind.Word && Text.Equals(word, StringComparison.OrdinalIgnoreCase);

        public bool IsSymbol(char c) => Kind == TokenKind.Symbol && Text.Length == 1 && Text[0] == c;
    }

    // Words, quoted names and strings (their quotes removed and doubled quotes undone) and single symbols; comments skipped.
    private static List<Token> Tokenize(string sql)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
                i++;
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
                i = sql.IndexOf('\n', i) is var end and >= 0 ? end + 1 : sql.Length;
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
                i = sql.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : sql.Length;
            else if (c is '"' or '`' or '\'' or '[')
                tokens.Add(new(TokenKind.Quoted, ReadQuoted(sql, ref i, c == '[' ? ']' : c)));
            else if (char.IsLetterOrDigit(c) || c is '_' or '$' || c > '\u007F')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$' || sql[i] > '\u007F'))
                    i++;
                tokens.Add(new(TokenKind.Word, sql[start..i]));
            }
            else
            {
                tokens.Add(new(TokenKind.Symbol, c.ToString()));
                i++;
            }
        }
        return tokens;
    }

    private static string ReadQuoted(string sql, ref int i, char close)
    {
        var text = new StringBuilder();
        i++;
        while (i < sql.Length)
        {
            if (sql[i] != close)
                text.Append(sql[i++]);
            else if (close != ']' && i + 1 < sql.Length && sql[i + 1] == close)
            {
                text.Append(close);
                i += 2;
            }
            else
            {
                i++;
                break;
            }
        }
        return text.ToString();
    }
}
