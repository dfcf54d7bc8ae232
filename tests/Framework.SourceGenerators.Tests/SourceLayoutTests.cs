using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Framework.SourceGenerators.Tests;

/// <summary>
/// The shipped projects' source keeps the layout CONVENTIONS.md asks for: one public type per file, named after it, and
/// no type so long that a reader cannot hold it without a reason written at its top. Read from the files as written,
/// so that a file added in a hurry fails here rather than in review.
/// </summary>
public class SourceLayoutTests
{
    private const int MaxTypeLines = 800;

    private const string SizeReasonPrefix = "Size:";

    private static readonly string[] Projects = ["src/Framework", "src/Framework.AspNetCore", "src/Framework.Testing"];

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    [Fact]
    public void Every_public_type_has_a_file_of_its_own()
    {
        var problems = new List<string>();
        foreach (var (path, root) in SourceFiles())
        {
            // Foo and Foo<T> are one name and may share a file; the arity is not part of the file name either.
            var names = TopLevelTypes(root).Where(IsPublic).Select(t => t.Name).Distinct(StringComparer.Ordinal).ToList();
            if (names.Count > 1)
                problems.Add($"{path}: declares {names.Count} public types ({string.Join(", ", names)}); give each its own file");
            else if (names.Count == 1 && !IsNamedAfter(Path.GetFileName(path), names[0]))
                problems.Add($"{path}: its public type is {names[0]}; name the file {names[0]}.cs (or {names[0]}.Concern.cs for a partial part)");
        }
        Assert.True(problems.Count == 0, "Files that break one public type per file:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void No_class_is_longer_than_800_lines_without_a_reason()
    {
        // Partial parts are one type: its length is the sum of theirs, and a reason on any part covers the whole.
        var types = new Dictionary<string, (int Lines, bool Reason, List<string> Files)>(StringComparer.Ordinal);
        foreach (var (path, root) in SourceFiles())
        {
            foreach (var declaration in root.DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                var key = FullName(declaration);
                var span = declaration.GetLocation().GetLineSpan();
                var lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
                var (total, reason, files) = types.TryGetValue(key, out var known) ? known : (0, false, new List<string>());
                if (!files.Contains(path))
                    files.Add(path);
                types[key] = (total + lines, reason || HasSizeReason(declaration), files);
            }
        }
        var over = types.Where(t => t.Value.Lines > MaxTypeLines && !t.Value.Reason)
            .OrderByDescending(t => t.Value.Lines)
            .Select(t => $"{t.Key}: {t.Value.Lines} lines in {string.Join(", ", t.Value.Files)}")
            .ToList();
        Assert.True(over.Count == 0,
            $"Types over {MaxTypeLines} lines without a '// {SizeReasonPrefix} <reason>' comment at their top (split them by concern, or say why not):\n  "
            + string.Join("\n  ", over));
    }

    // Every .cs file of the shipped projects (not their build output), with its path from the repository root.
    private static IEnumerable<(string Path, CompilationUnitSyntax Root)> SourceFiles()
    {
        var repository = DocumentationTests.RepositoryRoot();
        foreach (var project in Projects)
        {
            var directory = Path.Combine(repository, project);
            foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(repository, file).Replace('\\', '/');
                var inProject = Path.GetRelativePath(directory, file).Replace('\\', '/');
                if (inProject.StartsWith("obj/", StringComparison.Ordinal) || inProject.StartsWith("bin/", StringComparison.Ordinal))
                    continue;
                var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), ParseOptions, path: relative);
                yield return (relative, (CompilationUnitSyntax)tree.GetRoot());
            }
        }
    }

    // The types a file declares outside any other type: in the compilation unit or in its namespaces.
    private static IEnumerable<(string Name, SyntaxTokenList Modifiers)> TopLevelTypes(SyntaxNode node)
    {
        foreach (var member in node.ChildNodes().OfType<MemberDeclarationSyntax>())
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax nested:
                    foreach (var type in TopLevelTypes(nested))
                        yield return type;
                    break;
                case BaseTypeDeclarationSyntax type:
                    yield return (type.Identifier.ValueText, type.Modifiers);
                    break;
                case DelegateDeclarationSyntax @delegate:
                    yield return (@delegate.Identifier.ValueText, @delegate.Modifiers);
                    break;
            }
        }
    }

    private static bool IsPublic((string Name, SyntaxTokenList Modifiers) type) => type.Modifiers.Any(SyntaxKind.PublicKeyword);

    // Foo.cs, Foo{T}.cs for a generic, or Foo.Concern.cs for a part of a partial type.
    private static bool IsNamedAfter(string fileName, string typeName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        return stem == typeName
            || (stem.StartsWith(typeName + "{", StringComparison.Ordinal) && stem.EndsWith('}'))
            || stem.StartsWith(typeName + ".", StringComparison.Ordinal);
    }

    // Namespace, containing types and arity: what makes partial parts one type and two same-named types two.
    private static string FullName(BaseTypeDeclarationSyntax type)
    {
        var parts = new List<string>();
        for (SyntaxNode? node = type; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case TypeDeclarationSyntax t:
                    parts.Add(t.TypeParameterList is { } list ? $"{t.Identifier.ValueText}`{list.Parameters.Count}" : t.Identifier.ValueText);
                    break;
                case BaseTypeDeclarationSyntax t:
                    parts.Add(t.Identifier.ValueText);
                    break;
                case BaseNamespaceDeclarationSyntax ns:
                    parts.Add(ns.Name.ToString());
                    break;
            }
        }
        parts.Reverse();
        return string.Join(".", parts);
    }

    // A '// Size: why' (or '/* Size: why */') comment just above the declaration (among its XML docs and attributes) or as
    // the first thing in its body.
    private static bool HasSizeReason(TypeDeclarationSyntax type)
    {
        var above = type.GetLeadingTrivia().Concat(type.AttributeLists.SelectMany(a => a.GetTrailingTrivia()))
            .Concat(type.Modifiers.SelectMany(m => m.LeadingTrivia)).Concat(type.Keyword.LeadingTrivia);
        var top = type.OpenBraceToken.IsKind(SyntaxKind.OpenBraceToken)
            ? type.OpenBraceToken.TrailingTrivia.Concat(type.OpenBraceToken.GetNextToken().LeadingTrivia)
            : [];
        return above.Concat(top).Any(IsSizeReason);
    }

    // Both comment kinds open with two characters ('//' or '/*').
    private static bool IsSizeReason(SyntaxTrivia trivia) =>
        trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia)
            ? trivia.ToString()[2..].TrimStart().StartsWith(SizeReasonPrefix, StringComparison.Ordinal)
            : false;
}
