using System.Text;

namespace Framework.Sql;

/// <summary>
/// Literal SQL with named bind parameters written <c>:name</c> (SQLAlchemy's <c>text()</c>). Values are always
/// bound, never spliced into the text. <c>::</c> (a PostgreSQL cast) and <c>\:</c> stay literal colons, and
/// colons inside quoted strings, quoted identifiers and comments are not parameters.
/// </summary>
public sealed class TextClause : Executable
{
    // The last dialect this text was compiled for: a statement object reused in a loop skips even the cache lookup.
    // One reference, so a reader on another thread sees a matching pair or nothing.
    private CompiledFor? _last;

    internal TextClause(string text) => Text = text;

    /// <summary>The SQL as written.</summary>
    public string Text { get; }

    internal override Compiled CompileCached(Dialect dialect, object? parameters)
    {
        if (_last is { } last && ReferenceEquals(last.Dialect, dialect))
            return last.Compiled;
        var compiled = dialect.GetOrCompile(Text, Text, static (text, d) => Parse(text, d));
        _last = new CompiledFor(dialect, compiled);
        return compiled;
    }

    /// <summary>
    /// The text as a SELECT whose result columns are <paramref name="columns"/>, in order: values are read as their
    /// .NET types, and it can be used as a subquery or CTE (<c>Text("select id, name from t").Columns(new Column&lt;int&gt;("id"), new Column&lt;string&gt;("name"))</c>).
    /// </summary>
    public TextualSelect Columns(params Column[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0 || columns.Any(c => c is null))
            throw new ArgumentException("Columns needs the text's result columns, in order.", nameof(columns));
        return new TextualSelect(this, columns);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private sealed record CompiledFor(Dialect Dialect, Compiled Compiled);

    private static Compiled Parse(string text, Dialect dialect)
    {
        var sql = new StringBuilder(text.Length);
        var names = new List<string>();
        Write(text, dialect, sql, name =>
        {
            var position = names.IndexOf(name);
            if (position < 0)
            {
                position = names.Count;
                names.Add(name);
            }
            return dialect.BindMarker(position, name);
        });
        return new Compiled(sql.ToString(), [.. names]);
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="sql"/>, each <c>:name</c> replaced by what <paramref name="marker"/> gives for it.</summary>
    internal static void Write(string text, Dialect dialect, StringBuilder sql, Func<string, string> marker)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var skip = c switch
            {
                '\'' or '"' or '`' => QuotedEnd(text, i, c),
                '-' when At(text, i + 1, '-') => LineEnd(text, i),
                '/' when At(text, i + 1, '*') => CommentEnd(text, i),
                '$' when dialect.SupportsDollarQuotes => DollarQuoteEnd(text, i),
                _ => i,
            };
            if (skip > i)
            {
                sql.Append(text, i, skip - i);
                i = skip;
                continue;
            }
            if (c == '\\' && At(text, i + 1, ':'))
            {
                sql.Append(':');
                i += 2;
            }
            else if (c == ':' && At(text, i + 1, ':'))
            {
                sql.Append("::");
                i += 2;
            }
            // As in SQLAlchemy, a colon right after a word character is not a parameter: arr[lo:hi] is an array slice.
            else if (c == ':' && i + 1 < text.Length && IsNameStart(text[i + 1]) && (i == 0 || (text[i - 1] != ':' && !IsNamePart(text[i - 1]))))
            {
                var end = i + 1;
                while (end < text.Length && IsNamePart(text[end]))
                    end++;
                sql.Append(marker(text[(i + 1)..end]));
                i = end;
            }
            else
            {
                sql.Append(c);
                i++;
            }
        }
    }

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    // A quoted string or identifier runs to its closing quote; a doubled quote inside is an escaped quote.
    private static int QuotedEnd(string text, int start, char quote)
    {
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                if (At(text, i + 1, quote))
                {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.Length;
    }

    private static int LineEnd(string text, int start)
    {
        var end = text.IndexOf('\n', start);
        return end < 0 ? text.Length : end + 1;
    }

    private static int CommentEnd(string text, int start)
    {
        var end = text.IndexOf("*/", start + 2, StringComparison.Ordinal);
        return end < 0 ? text.Length : end + 2;
    }

    // PostgreSQL's $tag$ ... $tag$ strings; a lone $ or $1 is left alone.
    private static int DollarQuoteEnd(string text, int start)
    {
        var close = text.IndexOf('$', start + 1);
        if (close < 0)
            return start;
        var tag = text.AsSpan(start + 1, close - start - 1);
        foreach (var c in tag)
        {
            if (!IsNamePart(c))
                return start;
        }
        if (tag.Length > 0 && char.IsAsciiDigit(tag[0]))
            return start;
        var delimiter = text[start..(close + 1)];
        var end = text.IndexOf(delimiter, close + 1, StringComparison.Ordinal);
        return end < 0 ? text.Length : end + delimiter.Length;
    }
}
