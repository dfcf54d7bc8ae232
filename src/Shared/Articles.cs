namespace Framework;

/// <summary>
/// "a" or "an" for the word that follows, by how it is spoken: "an int", "a UInt32", "an IList&lt;T&gt;", "a UNION",
/// "an EXCEPT". Messages name types and keywords chosen at run time, so the article cannot be written into them.
/// </summary>
/// <remarks>
/// Compiled into Framework and into the netstandard2.0 source generator (linked there), so it uses nothing newer.
/// </remarks>
internal static class Articles
{
    /// <summary>The word with its article: <c>an object</c>, <c>a Stream</c>.</summary>
    public static string With(string word) => For(word) + " " + word;

    /// <summary>The article for <paramref name="word"/>: <c>a</c> or <c>an</c>.</summary>
    public static string For(string word)
    {
        var start = 0;
        while (start < word.Length && !char.IsLetterOrDigit(word[start]))
            start++;
        if (start == word.Length)
            return "a";
        var first = word[start];
        if (char.IsDigit(first))
            return first == '8' ? "an" : "a";
        // An initialism (UInt32, IList, NS.Mood, SQL, T) is read letter by letter: F, H, L, M, N, R, S, X sound like vowels, U does not.
        var initialism = char.IsUpper(first) && (start + 1 == word.Length || !char.IsLower(word[start + 1]));
        if (initialism)
            return "AEFHILMNORSX".IndexOf(first) >= 0 ? "an" : "a";
        var rest = word.Substring(start).ToLowerInvariant();
        return rest[0] switch
        {
            'a' or 'i' => "an",
            'e' => StartsWithAny(rest, "eu", "ewe") ? "a" : "an",
            'o' => StartsWithAny(rest, "one", "once") ? "a" : "an",
            // uint, ulong, ushort, union, unique, use, uri: a "you" sound; unsigned, update, under: a vowel sound.
            'u' => StartsWithAny(rest, "uint", "ulong", "ushort", "uni", "us", "uti", "uri", "ure", "uu") && !rest.StartsWith("unin", System.StringComparison.Ordinal) ? "a" : "an",
            'h' => StartsWithAny(rest, "hour", "honest", "honor", "heir") ? "an" : "a",
            _ => "a",
        };
    }

    private static bool StartsWithAny(string text, params string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (text.StartsWith(prefix, System.StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}
