using Microsoft.CodeAnalysis.Text;

namespace Framework.SourceGenerators.Tests;

/// <summary>Source text with <c>[|...|]</c> around the spans where diagnostics are expected, in order.</summary>
internal sealed record Markup(string Source, IReadOnlyList<TextSpan> Spans)
{
    public static Markup Parse(string marked)
    {
        var source = new System.Text.StringBuilder();
        var spans = new List<TextSpan>();
        var start = -1;
        for (var i = 0; i < marked.Length; i++)
        {
            if (start < 0 && string.CompareOrdinal(marked, i, "[|", 0, 2) == 0)
            {
                start = source.Length;
                i++;
            }
            else if (start >= 0 && string.CompareOrdinal(marked, i, "|]", 0, 2) == 0)
            {
                spans.Add(TextSpan.FromBounds(start, source.Length));
                start = -1;
                i++;
            }
            else
            {
                source.Append(marked[i]);
            }
        }
        return new(source.ToString(), spans);
    }
}
