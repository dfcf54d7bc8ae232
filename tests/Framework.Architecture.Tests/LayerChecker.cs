using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Framework.Architecture.Tests;

/// <summary>A layer's file using a type (or a member of one) declared in a layer it must not use.</summary>
/// <param name="Location">The using file, relative to src/Framework, and its line.</param>
/// <param name="UserLayer">The layer of that file.</param>
/// <param name="Used">The type or member used.</param>
/// <param name="UsedLayer">The layer of the file declaring it.</param>
public sealed record LayerViolation(string Location, string UserLayer, string Used, string UsedLayer)
{
    public override string ToString() => $"{Location}: {UserLayer} uses {Used} ({UsedLayer})";
}

/// <summary>
/// An allowance beyond the layer table. <see cref="User"/> is a layer or one file (a path relative to src/Framework);
/// <see cref="Used"/> is a layer or one type's full name (which allows the type and its members). <see cref="Why"/> is required: an exception says its reason.
/// </summary>
public sealed record LayerException(string User, string Used, string Why);

/// <summary>
/// Compiles Framework's source with Roslyn and resolves every name in it to the file that declares it; a file's
/// layer is its first folder under src/Framework (a file at the root is the composition root, <see cref="Root"/>).
/// </summary>
public static class LayerChecker
{
    public const string Root = "Root";

    /// <summary>
    /// Every use, in <paramref name="sources"/> (path relative to src/Framework, text), of a layer that the user's
    /// layer may not use according to <paramref name="allowed"/> (layer -> the other layers it may use) and
    /// <paramref name="exceptions"/>. A layer missing from the table may use nothing but itself. <paramref name="globalUsings"/>
    /// is compiled with the sources but not checked: the global usings the build generates into obj/.
    /// </summary>
    public static IReadOnlyList<LayerViolation> Check(IEnumerable<(string Path, string Text)> sources,
        IReadOnlyDictionary<string, string[]> allowed, IReadOnlyList<LayerException> exceptions, string globalUsings = "")
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, path: s.Path)).ToList();
        var implicitUsings = CSharpSyntaxTree.ParseText(globalUsings, options);
        var compilation = CSharpCompilation.Create("Framework", trees.Append(implicitUsings), References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        // The generators do not run here, so the [LoggerMessage] methods miss their bodies (CS8795); any other error
        // would leave names unresolved, and their uses unchecked.
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795").ToList();
        if (errors.Count > 0)
            throw new InvalidOperationException($"The source does not compile here, so its names cannot all be resolved:\n{string.Join("\n", errors.Take(20))}");
        var violations = new List<LayerViolation>();
        foreach (var tree in trees)
        {
            var userLayer = LayerOf(tree.FilePath);
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is not (SimpleNameSyntax or ImplicitObjectCreationExpressionSyntax))
                    continue;
                var info = model.GetSymbolInfo(node);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                if (Declaration(symbol) is not { } declared)
                    continue;
                var usedLayers = declared.DeclaringSyntaxReferences.Select(r => LayerOf(r.SyntaxTree.FilePath)).Distinct().ToList();
                var usedType = (declared as INamedTypeSymbol ?? declared.ContainingType).ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
                if (usedLayers.Count == 0 || usedLayers.Any(used => Allows(userLayer, tree.FilePath, used, usedType, allowed, exceptions)))
                    continue;
                var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                var used = declared.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
                violations.Add(new($"{tree.FilePath}:{line}", userLayer, used, string.Join("+", usedLayers)));
            }
        }
        return [.. violations.Distinct()];
    }

    /// <summary>The layer of a file: its first folder, or <see cref="Root"/> for a file beside the folders.</summary>
    public static string LayerOf(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? Root : path[..slash];
    }

    private static bool Allows(string userLayer, string userFile, string usedLayer, string usedType,
        IReadOnlyDictionary<string, string[]> allowed, IReadOnlyList<LayerException> exceptions) =>
        userLayer == usedLayer
        || (allowed.TryGetValue(userLayer, out var layers) && layers.Contains(usedLayer))
        || exceptions.Any(e => (e.User == userLayer || e.User == userFile) && (e.Used == usedLayer || e.Used == usedType));

    /// <summary>
    /// The declaration a name stands for, when it is Framework's own: a type, or a member (whose own declaration
    /// counts, so a method of a partial class belongs to the layer of the part that declares it). Locals, parameters,
    /// namespaces and what comes from referenced assemblies are not declarations of any layer.
    /// </summary>
    private static ISymbol? Declaration(ISymbol? symbol)
    {
        symbol = symbol switch
        {
            IMethodSymbol { ReducedFrom: { } extension } => extension,
            IMethodSymbol { MethodKind: MethodKind.Constructor, IsImplicitlyDeclared: true } constructor => constructor.ContainingType,
            IAliasSymbol alias => alias.Target,
            _ => symbol,
        };
        return symbol switch
        {
            INamedTypeSymbol type => Own(type.OriginalDefinition),
            IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol when symbol.ContainingType is not null => Own(symbol.OriginalDefinition),
            _ => null,
        };
    }

    private static ISymbol? Own(ISymbol symbol) => symbol.DeclaringSyntaxReferences.IsEmpty ? null : symbol;

    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        // The platform, and the libraries Framework references, which its ProjectReference copies beside this test.
        // Framework.dll itself is left out: its source is what is compiled.
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var beside = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(p => Path.GetFileName(p) != "Framework.dll");
        return [.. platform.Concat(beside).DistinctBy(Path.GetFileName).Select(p => MetadataReference.CreateFromFile(p))];
    });
}
