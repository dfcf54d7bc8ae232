namespace Framework.Architecture.Tests;

/// <summary>
/// The layering of DESIGN.md ("Orm -> Engine/Sql/Results -> Pool; Dialects depend on Sql and Engine, never the reverse"),
/// checked on Framework's source: every name in a file of one layer that resolves to a declaration in a layer it may
/// not use is reported with its file and line.
/// </summary>
/// <remarks>
/// Not NetArchTest or ArchUnitNET: both decide a type's layer by its namespace, and here the namespace does not say it.
/// The public types users meet live where SYNOPSIS.md finds them, so Pool, Engine, Results, Schema and Errors all declare
/// types in the one namespace <c>Framework</c> (and the classes <c>Framework.Engine</c> and <c>Framework.Pool</c> rule out
/// namespaces of those names); a partial type such as <c>Framework.Sql.Expressions</c> even has parts in two layers.
/// The folder of the file that declares a type, or a member, is what says its layer, and Roslyn can tell us that.
/// </remarks>
public sealed class LayerTests
{
    // Which layers each layer may use, besides itself: the first folder under src/Framework is the layer; a file at the
    // root (Engines.cs) is the composition root. Common (internal helpers: SyncPath, SyncWork, Disposal) and Shared
    // (source shared with the generator) are usable by all and use nothing.
    private static readonly string[] Everywhere = ["Common", "Shared"];

    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Common"] = [],
        ["Shared"] = [],
        // Every layer throws these, so they stand below every layer.
        ["Errors"] = [.. Everywhere],
        // The pool knows no engine and no metrics: it tells an IPoolMeter (its own interface) what it times.
        ["Pool"] = [.. Everywhere, "Errors"],
        // Logging, tracing and metrics. The metrics read the pools' counters (Pool.Status), the pool never the metrics.
        ["Diagnostics"] = [.. Everywhere, "Errors", "Pool"],
        // The expression language and its compiler: no I/O, no connection, no results, no ORM, no particular database.
        ["Sql"] = [.. Everywhere, "Errors", "Diagnostics"],
        // Engine and Results are one tier (a connection makes results; a streamed result keeps its connection).
        ["Engine"] = [.. Everywhere, "Errors", "Diagnostics", "Pool", "Sql", "Results"],
        ["Results"] = [.. Everywhere, "Errors", "Diagnostics", "Sql", "Engine"],
        // DDL and inspection run statements through connections.
        ["Schema"] = [.. Everywhere, "Errors", "Diagnostics", "Pool", "Sql", "Engine", "Results"],
        // A dialect is a compiler, a driver adapter (an IConnector for the pool) and inspector queries.
        ["Dialects"] = [.. Everywhere, "Errors", "Diagnostics", "Pool", "Sql", "Engine", "Results", "Schema"],
        // The ORM builds on the core and never on a particular database.
        ["Orm"] = [.. Everywhere, "Errors", "Diagnostics", "Sql", "Engine", "Results"],
        // The composition root (Engines.cs) wires the dialects to the engine.
        [LayerChecker.Root] = [.. Everywhere, "Errors", "Diagnostics", "Pool", "Sql", "Engine", "Results", "Schema", "Dialects", "Orm"],
    };

    // Each exception names who may use what, and why. Keep this list short: a new entry needs a reason a reviewer accepts.
    private static readonly LayerException[] Exceptions =
    [
        new("Pool", "Framework.Diagnostics.Log",
            "The [LoggerMessage] messages, pool events 1100-1199 among them, live in one class (CONVENTIONS.md 11); logging is not measuring."),
        new("Errors", "Framework.RowFormatter",
            "DatabaseException shows the parameters as rows show their values."),
        new("Errors", "Framework.Sql.Identifiers",
            "NoSuchTableException quotes the table's name as the SQL would."),
    ];

    [Fact]
    public void Every_layer_uses_only_the_layers_it_may()
    {
        var violations = LayerChecker.Check(FrameworkSources(), Allowed, Exceptions, FrameworkGlobalUsings());
        Assert.True(violations.Count == 0,
            $"{violations.Count} uses of a layer that must not be used (file:line: user layer uses type or member (its layer)):\n" +
            string.Join("\n", violations));
    }

    [Fact]
    public void Every_layer_of_the_source_is_in_the_table()
    {
        var layers = FrameworkSources().Select(s => LayerChecker.LayerOf(s.Path)).Distinct();
        Assert.DoesNotContain(layers, layer => !Allowed.ContainsKey(layer));
    }

    [Fact]
    public void Exceptions_name_layers_or_files_that_exist()
    {
        var sources = FrameworkSources().Select(s => s.Path).ToHashSet();
        Assert.DoesNotContain(Exceptions, e => !Allowed.ContainsKey(e.User) && !sources.Contains(e.User));
    }

    [Fact]
    public void The_checker_reports_a_pool_file_using_an_orm_type()
    {
        (string, string)[] sources =
        [
            ("Orm/Session.cs", "namespace Framework.Orm; public sealed class Session { public void Flush() { } }"),
            ("Errors/PoolTimeoutException.cs", "namespace Framework; public sealed class PoolTimeoutException : System.Exception { }"),
            ("Pool/Pool.cs", """
                namespace Framework;

                public sealed class Pool
                {
                    public System.Exception Timeout() => new PoolTimeoutException();

                    public void Leak(Framework.Orm.Session session) => session.Flush();
                }
                """),
        ];

        var violations = LayerChecker.Check(sources, Allowed, []);

        Assert.Equal(
            [
                new LayerViolation("Pool/Pool.cs:7", "Pool", "Framework.Orm.Session", "Orm"),
                new LayerViolation("Pool/Pool.cs:7", "Pool", "Framework.Orm.Session.Flush()", "Orm"),
            ],
            violations);
    }

    [Fact]
    public void A_member_belongs_to_the_layer_of_the_part_that_declares_it()
    {
        // Expressions has a part in Sql and one in Orm: Sql may name the type and its own members, not the Orm part's.
        (string, string)[] sources =
        [
            ("Sql/Expressions.cs", "namespace Framework.Sql; public static partial class Expressions { public static int Text() => 1; }"),
            ("Orm/Expressions.Orm.cs", "namespace Framework.Sql; public static partial class Expressions { public static int Select() => 2; }"),
            ("Sql/User.cs", "namespace Framework.Sql; internal static class User { public static int A() => Expressions.Text(); public static int B() => Expressions.Select(); }"),
        ];

        var violations = LayerChecker.Check(sources, Allowed, []);

        Assert.Equal([new LayerViolation("Sql/User.cs:1", "Sql", "Framework.Sql.Expressions.Select()", "Orm")], violations);
    }

    [Fact]
    public void Every_path_the_architecture_document_names_exists()
    {
        var root = RepositoryRoot();
        var text = File.ReadAllText(Path.Combine(root, "docs", "ARCHITECTURE.md"));
        var paths = System.Text.RegularExpressions.Regex.Matches(text, @"`((?:src|tests|docs)/[^`<>*]+)`")
            .Select(m => m.Groups[1].Value.TrimEnd('/'))
            .ToList();
        Assert.NotEmpty(paths);
        Assert.DoesNotContain(paths, path => !File.Exists(Path.Combine(root, path)) && !Directory.Exists(Path.Combine(root, path)));
    }

    private static IEnumerable<(string Path, string Text)> FrameworkSources()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var framework = Path.Combine(src, "Framework");
        foreach (var file in Directory.EnumerateFiles(framework, "*.cs", SearchOption.AllDirectories))
        {
            var path = Path.GetRelativePath(framework, file).Replace('\\', '/');
            if (!path.StartsWith("obj/", StringComparison.Ordinal) && !path.StartsWith("bin/", StringComparison.Ordinal))
                yield return (path, File.ReadAllText(file));
        }
        // Framework.csproj compiles these too, linked as Shared/.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(src, "Shared"), "*.cs"))
            yield return ("Shared/" + Path.GetFileName(file), File.ReadAllText(file));
    }

    /// <summary>The global usings (ImplicitUsings) the build of Framework, which this project references, generated.</summary>
    private static string FrameworkGlobalUsings()
    {
        var obj = Path.Combine(RepositoryRoot(), "src", "Framework", "obj");
        var file = Directory.EnumerateFiles(obj, "Framework.GlobalUsings.g.cs", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault() ?? throw new InvalidOperationException($"No Framework.GlobalUsings.g.cs under {obj}: build src/Framework first.");
        return File.ReadAllText(file);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Framework.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No Framework.sln above {AppContext.BaseDirectory}.");
    }
}
