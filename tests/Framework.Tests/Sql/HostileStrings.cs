using System.Text;

namespace Framework.Tests.Sql;

/// <summary>
/// A fixed corpus of values made to break SQL that splices values into its text: quotes of every kind, comments,
/// statement separators, the parameter markers of every driver, LIKE wildcards and escapes, Unicode that changes
/// how text reads, control characters and very long text. Hand-picked strings come first, then every
/// <see cref="Breakers">breaker</see> in every <see cref="Contexts">context</see>. The list is the same, in the same
/// order, on every run, and holds no NUL: PostgreSQL's text cannot store one (<see cref="WithNul"/> is tested apart).
/// </summary>
internal static class HostileStrings
{
    /// <summary>The table the payloads try to destroy; the injection tests keep one of that name and check it is intact.</summary>
    public const string CanaryTable = "canary";

    /// <summary>A value holding a NUL character, which one database may refuse and the other store.</summary>
    public const string WithNul = "before\0after'; DROP TABLE canary; --";

    /// <summary>A character no corpus string holds (a private-use code point), for conditions that must match nothing.</summary>
    public const char Absent = '\uE000';

    /// <summary>What each <see cref="Contexts">context</see> is filled with.</summary>
    private static readonly string[] Breakers =
    [
        "'", "\"", "`", "\\", ";", "--", "/*", "*/", ":p", "::", "$1", "$$", "@p0", "?", "%", "_", "\u2028", "\uFF07", "\r\n",
        "{0}", "\u200D", "\U0001F642", "\\'", "''",
    ];

    /// <summary>Where a breaker is placed: alone, at either end, doubled, inside text, and in front of a payload.</summary>
    private static readonly string[] Contexts =
    [
        "{b}a", "a{b}", "{b}{b}", "a{b}b", " {b} ", "x{b}); DROP TABLE canary; --", "{b} OR 1=1; --", "{b}::text || {b}",
    ];

    /// <summary>Every hostile string, distinct, in a fixed order (declared after the arrays it is built from).</summary>
    public static IReadOnlyList<string> All { get; } = Build();

    /// <summary>A short, printable form of a corpus string for failure messages (the strings can be 100,000 characters).</summary>
    public static string Describe(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value.Length > 60 ? value[..60] : value)
            text.Append(c is < ' ' or '\u007F' or '\u2028' or '\u2029' or '\u0085' ? $"\\u{(int)c:X4}" : c.ToString());
        text.Append(value.Length > 60 ? $"...\" ({value.Length} chars)" : "\"");
        return text.ToString();
    }

    private static IReadOnlyList<string> Build()
    {
        var corpus = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string value)
        {
            if (value.Contains('\0', StringComparison.Ordinal))
                throw new InvalidOperationException("The corpus holds no NUL: PostgreSQL cannot store it as text.");
            if (seen.Add(value))
                corpus.Add(value);
        }

        foreach (var value in HandPicked())
            Add(value);
        foreach (var breaker in Breakers)
        {
            Add(breaker);
            foreach (var context in Contexts)
                Add(context.Replace("{b}", breaker, StringComparison.Ordinal));
        }
        foreach (var value in Long())
            Add(value);
        return corpus;
    }

    private static IEnumerable<string> HandPicked()
    {
        // Quotes, and the classic payloads that close one and run a statement of their own.
        yield return "";
        yield return "''";
        yield return "'''";
        yield return "\"\"";
        yield return "``";
        yield return "'\"`";
        yield return "O'Reilly";
        yield return "it''s";
        yield return "'quoted'";
        yield return "\"quoted\"";
        yield return "`quoted`";
        yield return "[bracketed]";
        yield return "'; DROP TABLE canary; --";
        yield return "\"; DROP TABLE canary; --";
        yield return "`; DROP TABLE canary; --";
        yield return "'); DROP TABLE canary; --";
        yield return "')); DROP TABLE canary; --";
        yield return "x' OR '1'='1";
        yield return "' OR 1=1 --";
        yield return "' OR ''='";
        yield return "1' AND 1=(SELECT COUNT(*) FROM canary); --";
        yield return "'; DELETE FROM canary; --";
        yield return "'; UPDATE canary SET v = 'pwned'; --";
        yield return "'; INSERT INTO canary (id, v) VALUES (99, 'pwned'); --";
        yield return "' UNION SELECT v FROM canary --";
        yield return "' UNION ALL SELECT NULL, NULL, NULL --";
        yield return "'; TRUNCATE canary; --";
        yield return "'; ATTACH DATABASE 'pwned.db' AS pwned; --";
        yield return "'; PRAGMA writable_schema = 1; --";
        yield return "'; COPY canary TO PROGRAM 'id'; --";
        yield return "'; SELECT pg_sleep(10); --";
        yield return "'||(SELECT v FROM canary LIMIT 1)||'";
        yield return "' AND (SELECT 1 FROM canary) = '1";
        yield return "admin'--";
        yield return "admin' #";
        yield return "1; DROP TABLE canary";

        // Comments, terminated and not.
        yield return "-- comment";
        yield return "/* comment */";
        yield return "/* unterminated";
        yield return "x /* */ y";
        yield return "/*/";
        yield return "/**/'";
        yield return "'/*";
        yield return "*/'";
        yield return "--\n'";
        yield return "#";
        yield return "# a MySQL comment";

        // Statement separators.
        yield return ";;";
        yield return "; SELECT 1";
        yield return "; COMMIT; DROP TABLE canary; BEGIN;";
        yield return "x;y";

        // Backslashes, which some databases and drivers read as escapes.
        yield return "\\\\";
        yield return "\\''";
        yield return "'\\";
        yield return "\\\"";
        yield return "\\n";
        yield return "\\0";
        yield return "\\x00";
        yield return "\\u0027";
        yield return "C:\\path\\to\\file";
        yield return "\\%";
        yield return "\\_";
        yield return "E'\\x27'";
        yield return "x\\";
        yield return "\\\\'; DROP TABLE canary; --";

        // Parameter markers and cast syntax of every driver, and format strings.
        yield return ":name";
        yield return ":p0";
        yield return ":1";
        yield return "\\:name";
        yield return "::text";
        yield return "'::text";
        yield return "$2";
        yield return "$$ $$";
        yield return "$tag$";
        yield return "$tag$ x $tag$";
        yield return "$$'; DROP TABLE canary; --$$";
        yield return "@p1";
        yield return "@name";
        yield return "@@version";
        yield return "??";
        yield return "?1";
        yield return "%s";
        yield return "%d";
        yield return "%(name)s";
        yield return "{0}{1}";
        yield return "{{0}}";
        yield return "{name}";
        yield return "${name}";
        yield return "#{name}";
        yield return "${jndi:ldap://example.invalid/a}";

        // LIKE wildcards and escape characters.
        yield return "%%";
        yield return "__";
        yield return "%_%";
        yield return "a%b";
        yield return "a_b";
        yield return "50% off";
        yield return "100%";
        yield return "[a-z]";
        yield return "[^a]";
        yield return "*";
        yield return "/";
        yield return "//";
        yield return "/%";
        yield return "/_";
        yield return "x' ESCAPE '\\";
        yield return "ESCAPE '/'";

        // Unicode: direction marks, joiners, surrogate pairs, combining marks, separators, look-alike quotes.
        yield return "\u200F";
        yield return "\u202Eevil\u202C";
        yield return "\u200B";
        yield return "\uFEFF";
        yield return "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";
        yield return "\U0001D54F";
        yield return "\U0010FFFF";
        yield return "e\u0301";
        yield return "Z\u0334\u0321\u031Ba\u0336l\u0337g\u0338o\u0335";
        yield return "\u2029";
        yield return "\u0085";
        yield return "\uFF02";
        yield return "\u02BC";
        yield return "\u2018\u2019\u201C\u201D";
        yield return "\u201B";
        yield return "\u00A0";
        yield return "\u4E2D\u6587";
        yield return "\u05E2\u05D1\u05E8\u05D9\u05EA";
        yield return "\u0627\u0644\u0639\u0631\u0628\u064A\u0629";
        yield return "\u0395\u03BB\u03BB\u03B7\u03BD\u03B9\u03BA\u03AC";
        yield return "\u01C4\u01C5\u01C6";
        yield return "\u00DF";
        yield return "\u0130";
        yield return "\uFB01";
        yield return "\uFFFD";
        yield return "\uFFFF";
        yield return "\uFF07; DROP TABLE canary; --";

        // Control characters (NUL apart).
        yield return "\t";
        yield return "\r";
        yield return "\n";
        yield return "\u0001";
        yield return "\u001B[31mred\u001B[0m";
        yield return "\u007F";
        yield return "\b";
        yield return "\f";
        yield return "\v";
        yield return "\u001A";
        yield return "a\tb\nc\rd";

        // Keywords, numbers and values a careless layer might read as something else.
        yield return " ";
        yield return "  leading";
        yield return "trailing  ";
        yield return "SELECT";
        yield return "select * from canary";
        yield return "NULL";
        yield return "null";
        yield return "DEFAULT";
        yield return "TRUE";
        yield return "0";
        yield return "-1";
        yield return "1e309";
        yield return "NaN";
        yield return "DROP TABLE canary";
        yield return "CURRENT_TIMESTAMP";

        // JSON fragments and text from other injection families.
        yield return "{\"a\": 1}";
        yield return "{\"a\": \"'; DROP TABLE canary; --\"}";
        yield return "[1, 2, 3]";
        yield return "{\"$where\": \"1 == 1\"}";
        yield return "\"\\u0000\"";
        yield return "<script>alert(1)</script>";
        yield return "../../etc/passwd";
        yield return "%00";
        yield return "%27";
        yield return "&#39;";
    }

    // Long text: over page sizes, LIKE pattern limits and statement buffers.
    private static IEnumerable<string> Long()
    {
        yield return new string('\'', 10_000);
        yield return Repeat("'; DROP TABLE canary; --", 10_000);
        yield return Repeat("\U0001F642\u200D", 10_000);
        yield return new string('x', 100_000);
        yield return Repeat("'\"\\;--/*%_:p$1?", 100_000);
    }

    private static string Repeat(string unit, int length)
    {
        var text = new StringBuilder(length + unit.Length);
        while (text.Length < length)
            text.Append(unit);
        return text.ToString();
    }
}
