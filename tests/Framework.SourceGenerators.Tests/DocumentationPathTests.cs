using System.Text.RegularExpressions;

namespace Framework.SourceGenerators.Tests;

/// <summary>
/// What docs/*.md name is there: every <c>src/...</c> and <c>tests/...</c> path, and the types and members that
/// docs/ADDING-A-DIALECT.md tells a new backend to implement, so the pages cannot drift from the code unseen.
/// </summary>
public partial class DocumentationPathTests
{
    // A repository path in prose or code: up to a character no path of ours holds (a space, a backtick, a '<' placeholder).
    [GeneratedRegex(@"(?<![\w./-])(?:src|tests)/[\w./{}-]*")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\b[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*\b")]
    private static partial Regex TypeOrMemberName();

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        foreach (var page in Directory.GetFiles(Path.Combine(DocumentationTests.RepositoryRoot(), "docs"), "*.md").Order(StringComparer.Ordinal))
            pages.Add(Path.GetFileName(page));
        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_path_a_page_of_docs_names_exists(string page)
    {
        var root = DocumentationTests.RepositoryRoot();
        var text = File.ReadAllText(Path.Combine(root, "docs", page));

        var missing = RepositoryPath().Matches(text).Select(m => m.Value.TrimEnd('.', ','))
            .Where(path => !File.Exists(Path.Combine(root, path)) && !Directory.Exists(Path.Combine(root, path)))
            .Distinct(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"docs/{page} names paths that do not exist: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_type_and_member_adding_a_dialect_names_exists_in_the_code()
    {
        var root = DocumentationTests.RepositoryRoot();
        var page = File.ReadAllText(Path.Combine(root, "docs", "ADDING-A-DIALECT.md"));
        var code = string.Join("\n", new[] { "src", "tests" }.SelectMany(folder =>
            Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));

        // Paths, file names and the MySQL backend the page imagines are not names in the code.
        var names = CodeSpan().Matches(page).Select(m => m.Groups[1].Value)
            .Where(span => !span.Contains('/', StringComparison.Ordinal) && !Regex.IsMatch(span, @"\.(cs|props|csproj|md)$"))
            .SelectMany(span => TypeOrMemberName().Matches(span).Select(m => m.Value))
            .Where(name => !name.StartsWith("MySql", StringComparison.Ordinal) && name != "MySqlConnector")
            .Distinct(StringComparer.Ordinal).ToList();
        var missing = names.Where(name => !Regex.IsMatch(code, $@"\b{name}\b")).ToList();

        Assert.True(names.Count >= 20, "ADDING-A-DIALECT.md names fewer types and members than expected: is the extraction broken?");
        Assert.True(missing.Count == 0, $"docs/ADDING-A-DIALECT.md names what the code does not have: {string.Join(", ", missing)}");
    }
}
