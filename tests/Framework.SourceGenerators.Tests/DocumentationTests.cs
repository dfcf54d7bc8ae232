using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Framework.SourceGenerators.Tests;

/// <summary>
/// The C# blocks of README.md and docs/SYNOPSIS.md compile as written, with the source generator and Framework, as in
/// a new console project (its implicit usings, nullable on). A README block that is not a whole
/// program or library is marked by the line <c>&lt;!-- fragment --&gt;</c> just before it. SYNOPSIS.md is the contract,
/// kept as written, so its fragments are listed here by section, each with its reason.
/// </summary>
public class DocumentationTests
{
    private const string FragmentMarker = "<!-- fragment -->";

    // SYNOPSIS.md's sections whose blocks continue the ORM program (its engine, session and entities) or need what is
    // not built yet; samples/Synopsis runs them in that context.
    private static readonly Dictionary<string, string> SynopsisFragments = new(StringComparer.Ordinal)
    {
        ["Preventing implicit I/O"] = "uses the ORM program's session and A; the write-only property belongs in a class",
        ["Running synchronous code: RunSyncAsync"] = "uses the ORM program's engine, A and B",
        ["Events"] = "uses the usings of the programs above",
        ["One engine shared by independent flows: no pooling"] = "one line, with the usings of the programs above",
        ["Scoped sessions"] = "uses an engine, an IHttpContextAccessor and an entity from elsewhere",
        ["Inspector"] = "uses the Core program's engine",
        ["ASP.NET Core"] = "A and B are SYNOPSIS.md's ORM program's, and so are its usings (Select<A>, AsyncSession; ControllerBase is MVC's); " +
            "NewA is declared nowhere. tests/Synopsis.Web compiles and runs it as written",
    };

    // What `dotnet new console` adds to every file (ImplicitUsings).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    // What `dotnet new web` adds besides (Microsoft.NET.Sdk.Web), for a block that is a web program.
    private const string WebImplicitUsings = """
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    // The newest C# this Roslyn knows (the generator is built against an older compiler than the SDK's, so that it loads in
    // every host); the blocks use nothing newer.
    private static readonly CSharpParseOptions ConsoleParseOptions = new(LanguageVersion.Latest);

    public static TheoryData<string, int> ReadmeBlocks => Data("README.md");

    public static TheoryData<string, int> SynopsisBlocks => Data("docs/SYNOPSIS.md");

    [Theory, MemberData(nameof(ReadmeBlocks))]
    public void Every_README_block_not_marked_as_a_fragment_compiles_as_written(string file, int line) => AssertCompiles(file, line);

    [Theory, MemberData(nameof(SynopsisBlocks))]
    public void Every_SYNOPSIS_block_outside_the_listed_fragment_sections_compiles_as_written(string file, int line) => AssertCompiles(file, line);

    [Fact]
    public void The_documents_have_complete_programs_and_every_listed_SYNOPSIS_section_exists()
    {
        Assert.True(Data("README.md").Count >= 3, "README.md has fewer complete C# blocks than expected: is the extraction broken?");
        Assert.True(Data("docs/SYNOPSIS.md").Count >= 2, "docs/SYNOPSIS.md has fewer complete C# blocks than expected: is the extraction broken?");
        var headings = Blocks("docs/SYNOPSIS.md").Select(b => b.Section).ToHashSet(StringComparer.Ordinal);
        Assert.All(SynopsisFragments.Keys, section => Assert.Contains(section, headings));
    }

    private static bool IsWebProgram(Block block) => block.Code.ToString().Contains("WebApplication.CreateBuilder", StringComparison.Ordinal);

    private static void AssertCompiles(string file, int line)
    {
        var block = Blocks(file).Single(b => b.Line == line);
        var compilation = GeneratorHarness.Compilation(
            block.Code.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Any() ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            [(IsWebProgram(block) ? ImplicitUsings + "\n" + WebImplicitUsings : ImplicitUsings, "GlobalUsings.g.cs"), .. Files(file, block)],
            ConsoleParseOptions);
        var run = GeneratorHarness.Generate(compilation);
        var errors = run.GeneratorDiagnostics.Concat(run.Output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        Assert.True(errors.Count == 0, $"{file} line {line}: the C# block does not compile"
            + $" (mark it with {FragmentMarker} on the line before if it is not meant to):\n"
            + string.Join("\n", errors.Select(e => $"  {file} line {Line(block, e)}: {e.Id}: {e.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")));
    }

    // SYNOPSIS.md's ORM block declares its entities before its statements, as the seed's module does; C# wants a file's
    // statements first, so a block written that way is compiled as its two files (samples/Synopsis splits it the same
    // way). README blocks must be one file as written, since that is what a reader pastes into Program.cs.
    private static IEnumerable<(string Text, string Path)> Files(string file, Block block)
    {
        var root = (CompilationUnitSyntax)block.Code.GetRoot();
        var text = block.Code.ToString();
        var typesFirst = root.Members.TakeWhile(m => m is not GlobalStatementSyntax).Any() && root.Members.Any(m => m is GlobalStatementSyntax);
        if (file == "README.md" || !typesFirst)
            return [(text, "Block.cs")];
        // Each file keeps the block's lines where they were (the other part blanked), so errors keep their line numbers.
        return [(Blank(text, root.Members.Where(m => m is not GlobalStatementSyntax)), "Block.cs"),
                (Blank(text, root.Members.Where(m => m is GlobalStatementSyntax)), "Block.Types.cs")];
    }

    private static string Blank(string text, IEnumerable<MemberDeclarationSyntax> members)
    {
        var chars = text.ToCharArray();
        foreach (var member in members)
        {
            for (var i = member.FullSpan.Start; i < member.FullSpan.End; i++)
            {
                if (chars[i] is not ('\n' or '\r'))
                    chars[i] = ' ';
            }
        }
        return new string(chars);
    }

    // The document line of a diagnostic in the block (its first line is the one after the fence).
    private static int Line(Block block, Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree?.FilePath.StartsWith("Block", StringComparison.Ordinal) == true
            ? block.Line + 1 + diagnostic.Location.GetLineSpan().StartLinePosition.Line
            : block.Line;

    private sealed record Block(string Section, int Line, SyntaxTree Code, bool Fragment);

    private static TheoryData<string, int> Data(string file)
    {
        var data = new TheoryData<string, int>();
        foreach (var block in Blocks(file).Where(b => !b.Fragment))
            data.Add(file, block.Line);
        return data;
    }

    // The ```csharp blocks of a document: the heading they are under, the line of their opening fence, their code, and
    // whether they are fragments.
    private static List<Block> Blocks(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), file));
        var blocks = new List<Block>();
        var section = "";
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith('#'))
                section = lines[i].TrimStart('#').Trim();
            if (lines[i].Trim() is not ("```csharp" or "```cs" or "```c#"))
                continue;
            var start = i;
            var code = new List<string>();
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
                code.Add(lines[i]);
            var before = lines.Take(start).LastOrDefault(l => l.Trim().Length > 0)?.Trim();
            var fragment = file == "README.md" ? before == FragmentMarker : SynopsisFragments.ContainsKey(section);
            blocks.Add(new(section, start + 1, CSharpSyntaxTree.ParseText(string.Join("\n", code), ConsoleParseOptions, path: "Block.cs"), fragment));
        }
        return blocks;
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Framework.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No Framework.sln above {AppContext.BaseDirectory}.");
    }
}
