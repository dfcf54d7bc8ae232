using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Framework.SourceGenerators.Tests;

/// <summary>Runs the generator over source text, compiled against the real Framework.dll and the platform's assemblies.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp13);

    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(Framework.Orm.TableAttribute).Assembly.Location)
            .Distinct(StringComparer.Ordinal);
        return [.. paths.Select(p => MetadataReference.CreateFromFile(p))];
    });

    public static CSharpCompilation Compilation(params string[] sources) =>
        Compilation(OutputKind.DynamicallyLinkedLibrary, sources.Select((source, i) => (source, $"Source{i}.cs")));

    /// <summary>A compilation of <paramref name="sources"/> (text and file path) as a library or a program, in C# 13 unless told.</summary>
    public static CSharpCompilation Compilation(OutputKind kind, IEnumerable<(string Text, string Path)> sources, CSharpParseOptions? parseOptions = null) => CSharpCompilation.Create(
        "Entities",
        sources.Select(source => CSharpSyntaxTree.ParseText(source.Text, parseOptions ?? ParseOptions, path: source.Path)),
        References.Value,
        new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(bool trackSteps = false, CSharpParseOptions? parseOptions = null) => CSharpGeneratorDriver.Create(
        [new EntityGenerator().AsSourceGenerator()],
        parseOptions: parseOptions ?? ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator once: what it generated, what it reported, and the compilation with its output.</summary>
    public static Run Generate(params string[] sources) => Generate(Compilation(sources));

    /// <summary>Runs the generator once over <paramref name="compilation"/>, writing in the language version of its code.</summary>
    public static Run Generate(Compilation compilation)
    {
        var driver = Driver(parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new(driver.GetRunResult(), output, generatorDiagnostics);
    }

    public sealed record Run(GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
    {
        /// <summary>The generated file with the given hint name.</summary>
        public string Source(string hintName) =>
            Result.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

        public IEnumerable<string> HintNames => Result.Results.Single().GeneratedSources.Select(s => s.HintName);

        /// <summary>The compiler's warnings and errors for the user's code and the generated code together.</summary>
        public ImmutableArray<Diagnostic> CompilerDiagnostics =>
            [.. Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];
    }
}
