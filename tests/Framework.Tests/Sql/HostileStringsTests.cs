using System.Text;

namespace Framework.Tests.Sql;

/// <summary>The corpus the injection tests rely on holds what the acceptance line asks of it, the same on every run.</summary>
public sealed class HostileStringsTests
{
    private static readonly IReadOnlyList<string> Corpus = HostileStrings.All;

    [Fact]
    public void The_corpus_has_at_least_200_distinct_strings_and_no_nul()
    {
        Assert.True(Corpus.Count >= 200, $"The corpus has {Corpus.Count} strings.");
        Assert.Equal(Corpus.Count, Corpus.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(Corpus, s => s.Contains('\0', StringComparison.Ordinal));
        Assert.Contains('\0', HostileStrings.WithNul);
        Assert.DoesNotContain(Corpus, s => s.Contains(HostileStrings.Absent, StringComparison.Ordinal));
    }

    [Fact]
    public void The_corpus_holds_every_family_of_hostile_text()
    {
        string[] fragments =
        [
            "'", "''", "\"", "`", "'; DROP TABLE canary; --", "/*", "*/", "--", ";", "\\", "\\'", ":name", "::text", "$1", "$$", "$tag$", "@p0", "?",
            "%", "_", "ESCAPE", "{0}", "{\"a\"", "\u200F", "\u200D", "\u0301", "\u2028", "\U0001F642", "\uFF07", "\t", "\r", "\n", "SELECT",
        ];
        foreach (var fragment in fragments)
            Assert.Contains(Corpus, s => s.Contains(fragment, StringComparison.Ordinal));
        Assert.Contains("", Corpus);
        Assert.Contains(Corpus, s => s.Length == 10_000);
        Assert.Contains(Corpus, s => s.Length >= 100_000);
    }

    [Fact]
    public void The_corpus_is_valid_utf16_in_a_fixed_order()
    {
        // Lone surrogates cannot be encoded for the database; every string must survive UTF-8 both ways.
        foreach (var value in Corpus)
            Assert.Equal(value, Encoding.UTF8.GetString(new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(value)));
        Assert.Equal("", Corpus[0]);
        Assert.Equal("'; DROP TABLE canary; --", Corpus[12]);
    }
}
