using System.Diagnostics;
using Framework.Tests.Infrastructure;

namespace Framework.Tests;

/// <summary>
/// samples/Synopsis (SYNOPSIS.md's programs, unchanged) runs against each test database and prints what the seed
/// document says it prints, section by section.
/// </summary>
public abstract class SynopsisSampleTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : IClassFixture<DatabaseFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task The_synopsis_program_runs_every_section_and_prints_what_the_seed_prints()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "Synopsis.dll");
        Assert.True(File.Exists(program), $"{program} is missing: the test project references samples/Synopsis so that it is built with the tests.");
        var start = new ProcessStartInfo("dotnet", ["exec", program, fixture.Url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("synopsis").FullName,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var text = await output;
        Assert.True(process.ExitCode == 0, $"The sample failed:\n{await error}\n{text}");
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !l.Contains(" INFO Framework.Engine ", StringComparison.Ordinal)).ToList();

        // ORM: three A's with their B's (2, 1, 2), the commit's new data kept readable (expireOnCommit: false).
        var orm = Section(lines, "== ORM");
        Assert.Equal(3, orm.Count(l => l.StartsWith("created at: ", StringComparison.Ordinal)));
        Assert.Contains("new data", orm);
        // Entities print as their type and primary key (the generated ToString): each A, then its B's, in insertion order.
        Assert.Equal(["A(Id=1)", "B(Id=1)", "B(Id=2)", "A(Id=2)", "B(Id=3)", "A(Id=3)", "B(Id=4)", "B(Id=5)"],
            orm.Where(l => l.StartsWith("A(", StringComparison.Ordinal) || l.StartsWith("B(", StringComparison.Ordinal)).Take(8));
        // Preventing implicit I/O: the seed's message, then the two B's that AwaitableAttrs loaded.
        Assert.Contains("LazyLoadException: A.Bs is not loaded. Eager-load it with .Options(SelectInLoad<A>(a => a.Bs)), load it with " +
            "await a.AwaitableAttrs.Bs, or touch it inside session.RunSyncAsync(...).", orm);
        Assert.Equal(["addresses: patrick@example.com, pat@example.org", "filtered: patrick@example.com"], Section(lines, "== Write-only"));
        Assert.Equal(["execute from event", "before execute!", "before commit!", "before execute!", "(execute from event,)", "after commit!"],
            Section(lines, "== Events").Skip(1));
        Assert.StartsWith("New DBAPI connection: ", Section(lines, "== Events")[0], StringComparison.Ordinal);
        Assert.Equal(["committed in the scope's session: 5; a new scope gets a new session: True", "Synopsis finished."], Section(lines, "== Scoped"));
    }

    // The non-empty lines after the heading that starts with title, up to the next heading.
    private static List<string> Section(List<string> lines, string title)
    {
        var start = lines.FindIndex(l => l.StartsWith(title, StringComparison.Ordinal));
        Assert.True(start >= 0, $"No section {title} in the output.");
        return [.. lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("== ", StringComparison.Ordinal)).Where(l => l.Length > 0 && !char.IsWhiteSpace(l[0]))];
    }
}

public sealed class SqliteSynopsisSampleTests(DatabaseFixture<SqliteDatabase> fixture) : SynopsisSampleTests<SqliteDatabase>(fixture);

public sealed class PostgresSynopsisSampleTests(DatabaseFixture<PostgresDatabase> fixture) : SynopsisSampleTests<PostgresDatabase>(fixture);
