using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Framework.Templates.Tests.Infrastructure;

/// <summary>
/// What a user gets, made once for all the template's tests: Framework's packages and the template packed into a
/// feed of their own, the template installed into a hive of its own, every option combination created from it and
/// built. One restore and one build for all of them, through a solution of every generated project: a build per project
/// would pay MSBuild's start, evaluation and restore again each time.
/// </summary>
public sealed class GeneratedProjects : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The temporary folder holding the feed, the hive and the projects; deleted at the end.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "framework-template-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>
    /// The version the packages are packed under: the repository's, with a suffix of this run. NuGet keeps a package it
    /// restored by version and never reads it again; a version of its own keeps this run from getting an older pack.
    /// </summary>
    public string Version { get; } = $"{Repository.PackageVersion}-test.{DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}.{Random.Shared.Next(1000, 10000)}";

    public string Feed => Path.Combine(Root, "feed");

    public string Hive => Path.Combine(Root, "hive");

    /// <summary>The build of every combination's projects, with what it printed.</summary>
    public string BuildOutput { get; private set; } = "";

    /// <summary>How long each step took, for the test's output.</summary>
    public List<(string Step, TimeSpan Duration)> Timings { get; } = [];

    /// <summary>The folder the combination was created in (its solution's).</summary>
    public string FolderOf(Combination combination) => Path.Combine(Root, combination.Name);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        await Step("pack Framework and the template", () => Dotnet.RunAsync(Repository.Root,
            ["pack", "src/Framework.Packages.slnf", "-c", Repository.Configuration, "--no-build", $"-p:PackageVersion={Version}", "-o", Feed],
            CommandTimeout));
        await Step("install the template", () => NewAsync(["install", Path.Combine(Feed, $"Framework.Templates.{Version}.nupkg")]));
        await Step("create every combination", async () =>
        {
            foreach (var combination in Combination.All)
            {
                var created = await NewAsync(["asyncapi", "-n", combination.Name, "-o", FolderOf(combination), "--no-restore",
                    "--framework-version", Version, "--framework-feed", Feed, .. combination.Options]);
                if (!File.Exists(Path.Combine(FolderOf(combination), combination.Name, combination.Name + ".csproj")))
                    throw new InvalidOperationException($"dotnet new asyncapi -n {combination.Name} made no {combination.Name}.csproj. It printed:\n{created}");
            }
            return "";
        });
        var solution = WriteSolution();
        BuildOutput = await Step("restore and build every combination", () => Dotnet.RunAsync(Root, ["build", solution], CommandTimeout));
    }

    /// <summary>Runs <c>dotnet new</c> on this run's hive.</summary>
    public Task<string> NewAsync(IEnumerable<string> arguments) =>
        Dotnet.RunAsync(Root, ["new", .. arguments, "--debug:custom-hive", Hive], CommandTimeout);

    public Task DisposeAsync()
    {
        // The packages this run restored into the NuGet folder are under this run's version only: leave none behind.
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "framework", "framework.aspnetcore", "framework.testing" })
            DeleteFolder(Path.Combine(packages, id, Version.ToLowerInvariant()));
        DeleteFolder(Root);
        return Task.CompletedTask;
    }

    /// <summary>A solution of every generated project, so that one restore and one build do them all.</summary>
    private string WriteSolution()
    {
        var projects = Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.StartsWith(Hive, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => $"  <Project Path=\"{Path.GetRelativePath(Root, p)}\" />");
        var path = Path.Combine(Root, "all.slnx");
        File.WriteAllText(path, $"<Solution>\n{string.Join('\n', projects)}\n</Solution>\n", Encoding.UTF8);
        return path;
    }

    /// <summary>Runs one step of the test and records how long it took.</summary>
    public async Task<string> Step(string name, Func<Task<string>> step)
    {
        var clock = Stopwatch.StartNew();
        var output = await step();
        Timings.Add((name, clock.Elapsed));
        return output;
    }

    private static void DeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still held open (a test host not yet gone) leaves a folder in the temporary folder; nothing fails.
        }
    }
}
