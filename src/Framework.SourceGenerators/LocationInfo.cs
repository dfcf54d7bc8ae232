using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Framework.SourceGenerators;

/// <summary>
/// Where a diagnostic goes, kept as plain values: a <see cref="Location"/> holds its syntax tree, and with it the whole
/// compilation, which a cached pipeline model must not keep alive.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

    public static LocationInfo? From(SyntaxToken token) => From(token.GetLocation());

    public static LocationInfo? From(Location? location) =>
        location is { SourceTree: { } tree } ? new(tree.FilePath, location.SourceSpan, location.GetLineSpan().Span) : null;
}
