using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Framework.Templates.Tests.Infrastructure;
using Framework.Testing;
using Xunit.Abstractions;

namespace Framework.Templates.Tests;

/// <summary>
/// The template as a user gets it: packed, installed, created with every combination of its options, built, its
/// generated tests run, and one generated API started and called.
/// </summary>
public sealed partial class TemplateTests(GeneratedProjects generated, ITestOutputHelper output) : IClassFixture<GeneratedProjects>
{
    [Fact]
    public void Every_combination_builds_without_a_warning()
    {
        Assert.Contains("Build succeeded.", generated.BuildOutput, StringComparison.Ordinal);
        Assert.Contains(" 0 Warning(s)", generated.BuildOutput, StringComparison.Ordinal);
        foreach (var combination in Combination.All)
        {
            var folder = generated.FolderOf(combination);
            Assert.True(File.Exists(Path.Combine(folder, combination.Name, "bin", "Debug", "net10.0", combination.Name + ".dll")), $"{combination.Name} was not built:\n{generated.BuildOutput}");
            Assert.Equal(!combination.NoTests, File.Exists(Path.Combine(folder, combination.Name + ".Tests", "bin", "Debug", "net10.0", combination.Name + ".Tests.dll")));
        }
        Report();
    }

    [Fact]
    public async Task The_generated_tests_pass_on_the_chosen_database()
    {
        // One server for every generated test project of the postgres option, found or started here once.
        var postgres = await TestPostgres.GetUrlAsync();
        var solution = Path.Combine(generated.Root, "tests.slnx");
        var projects = Combination.All.Where(c => !c.NoTests)
            .Select(c => $"  <Project Path=\"{c.Name}/{c.Name}.Tests/{c.Name}.Tests.csproj\" />");
        await File.WriteAllTextAsync(solution, $"<Solution>\n{string.Join('\n', projects)}\n</Solution>\n");

        var run = await generated.Step("run the generated tests", () => Dotnet.RunAsync(generated.Root, ["test", solution, "--no-build"],
            TimeSpan.FromMinutes(10), new Dictionary<string, string> { ["FRAMEWORK_TEST_POSTGRES"] = postgres }));

        foreach (var combination in Combination.All.Where(c => !c.NoTests))
            Assert.Matches($@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9]\d*, Skipped:\s+0, .* - {Regex.Escape(combination.Name)}\.Tests\.dll", run);
        Report();
    }

    [Fact]
    public async Task The_generated_api_serves_its_list_route_and_its_health()
    {
        var combination = Combination.All.First(c => c is { Database: "sqlite", Controllers: false });
        var folder = generated.FolderOf(combination);
        var url = LaunchUrl(Path.Combine(folder, combination.Name, "Properties", "launchSettings.json"));

        // The generated README's run command, in the folder it is written for (no build: the fixture built it).
        using var api = Dotnet.Start(folder, ["run", "--project", combination.Name, "--no-build"], null, out var log);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
            await generated.Step("start the generated API", async () => { await WaitForHealthAsync(client, api, log); return ""; });

            var created = await client.PostAsJsonAsync("/authors", new { name = "Ursula K. Le Guin" });
            var list = await client.GetAsync("/authors");
            var health = await client.GetAsync("/health");

            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            var authors = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement;
            Assert.Contains(authors.EnumerateArray(), a => a.GetProperty("name").GetString() == "Ursula K. Le Guin" && a.GetProperty("books").GetArrayLength() == 0);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
            // Its SQLite file is where the README says: app.db in the project's folder (dotnet run's working directory).
            Assert.True(File.Exists(Path.Combine(folder, combination.Name, "app.db")), Dotnet.Text(log));
        }
        finally
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
        }
        Report();
    }

    [Fact]
    public void Names_namespaces_and_ports_follow_the_name_given()
    {
        foreach (var combination in Combination.All)
        {
            var folder = generated.FolderOf(combination);
            var web = Path.Combine(folder, combination.Name);
            Assert.True(File.Exists(Path.Combine(folder, combination.Name + ".slnx")));
            Assert.True(File.Exists(Path.Combine(web, combination.Name + ".csproj")));
            Assert.Contains($"namespace {combination.Name}.Entities;", File.ReadAllText(Path.Combine(web, "Entities", "Author.cs")), StringComparison.Ordinal);
            // No trace of the template's own names (Company.WebApplication1, the placeholders) is left in any file.
            var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.EndsWith(".db", StringComparison.Ordinal));
            Assert.DoesNotContain(files, f => f.Contains("WebApplication1", StringComparison.Ordinal)
                || TemplateLeftovers().IsMatch(File.ReadAllText(f)));

            // The port is generated (5000-5300), and the README and the .http file name the same one.
            var url = LaunchUrl(Path.Combine(web, "Properties", "launchSettings.json"));
            var port = new Uri(url).Port;
            Assert.InRange(port, 5000, 5300);
            Assert.Contains($"http://localhost:{port}", File.ReadAllText(Path.Combine(folder, "README.md")), StringComparison.Ordinal);
            Assert.Contains($"http://localhost:{port}", File.ReadAllText(Path.Combine(web, combination.Name + ".http")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_choose_the_files_and_the_database()
    {
        foreach (var combination in Combination.All)
        {
            var folder = generated.FolderOf(combination);
            var web = Path.Combine(folder, combination.Name);
            Assert.Equal(combination.Controllers, Directory.Exists(Path.Combine(web, "Controllers")));
            Assert.Equal(!combination.Controllers, Directory.Exists(Path.Combine(web, "Endpoints")));
            Assert.Equal(!combination.NoTests, Directory.Exists(Path.Combine(folder, combination.Name + ".Tests")));
            Assert.Equal(!combination.NoTests, File.ReadAllText(Path.Combine(folder, combination.Name + ".slnx")).Contains(".Tests.csproj", StringComparison.Ordinal));
            Assert.Equal(!combination.NoTests, File.ReadAllText(Path.Combine(folder, "README.md")).Contains("dotnet test", StringComparison.Ordinal));

            var url = JsonDocument.Parse(File.ReadAllText(Path.Combine(web, "appsettings.json"))).RootElement
                .GetProperty("ConnectionStrings").GetProperty("Default").GetString();
            var database = combination.Name.Replace('.', '_').ToLowerInvariant();
            Assert.Equal(combination.Database == "postgres" ? $"postgresql://postgres:postgres@localhost:5432/{database}" : "sqlite:///app.db", url);
            if (!combination.NoTests)
            {
                var factory = File.ReadAllText(Path.Combine(folder, combination.Name + ".Tests", "ApiFactory.cs"));
                Assert.Contains(combination.Database == "postgres" ? "_database = await TestDatabase.CreatePostgreSqlAsync();" : "_database = TestDatabase.CreateSqlite();",
                    factory, StringComparison.Ordinal);
                Assert.DoesNotContain("#if", factory, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Nuget_config_names_the_framework_feed_given_or_the_one_in_the_home_folder()
    {
        var given = File.ReadAllText(Path.Combine(generated.FolderOf(Combination.All[0]), "nuget.config"));
        var folder = Path.Combine(generated.Root, "defaults");
        await generated.NewAsync(["asyncapi", "-n", "Defaults", "-o", folder, "--no-restore"]);
        var defaults = File.ReadAllText(Path.Combine(folder, "nuget.config"));
        var packages = File.ReadAllText(Path.Combine(folder, "Directory.Packages.props"));

        Assert.Contains($"value=\"{generated.Feed}\"", given, StringComparison.Ordinal);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Contains($"value=\"{home}/framework-feed\"", defaults, StringComparison.Ordinal);
        Assert.Contains($"Include=\"Framework\" Version=\"{Repository.PackageVersion}\"", packages, StringComparison.Ordinal);
    }

    [GeneratedRegex("WebApplication1|FRAMEWORK-|asyncapi_database|5999|#if|#endif")]
    private static partial Regex TemplateLeftovers();

    private static string LaunchUrl(string launchSettings) =>
        JsonDocument.Parse(File.ReadAllText(launchSettings)).RootElement.GetProperty("profiles").GetProperty("http")
            .GetProperty("applicationUrl").GetString()!;

    private static async Task WaitForHealthAsync(HttpClient client, System.Diagnostics.Process api, System.Text.StringBuilder log)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            if (api.HasExited)
                throw new InvalidOperationException($"The API exited with {api.ExitCode} before answering /health. It printed:\n{Dotnet.Text(log)}");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The API did not answer /health within 2 minutes. It printed:\n{Dotnet.Text(log)}");
            await Task.Delay(250);
        }
    }

    private void Report()
    {
        foreach (var (step, duration) in generated.Timings)
            output.WriteLine($"{step}: {duration.TotalSeconds:0.0} s");
    }
}
