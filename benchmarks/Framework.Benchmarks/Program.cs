using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Framework.Benchmarks;
using Framework.Benchmarks.Core;
using Framework.Benchmarks.Orm;
using Framework.Testing;
using Perfolizer.Horology;

// The suite: dotnet run -c Release --project benchmarks/Framework.Benchmarks -- --filter '*'
// The bulk insert interleaved (see Core/BulkInsertInterleaved.cs): ... -- --interleaved [rounds]
// The ORM benchmarks interleaved (see Orm/OrmInterleaved.cs): ... -- --orm-interleaved [rounds [class-name-part]]
// The JSON guard's two sides interleaved (see Json/JsonGuardInterleaved.cs, no database): ... -- --json-interleaved [rounds]
//
// Every benchmark talks to one PostgreSQL server: the one FRAMEWORK_BENCH_POSTGRES names (an Npgsql connection
// string), else a throwaway server started here, before BenchmarkDotNet launches the child process of each
// benchmark. The children inherit this process's environment, so setting the variable here is how they find it.
if (args is ["--json-interleaved", ..])
{
    Framework.Benchmarks.Json.JsonGuardInterleaved.Run(args.Length > 1 ? Rounds(args) : 300);
    return;
}

LocalPostgresServer? server = null;
if (!IsInformationOnly(args) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(BenchDatabase.EnvironmentVariable)))
{
    Console.WriteLine($"{BenchDatabase.EnvironmentVariable} is not set: starting a local PostgreSQL server for the benchmarks.");
    server = await LocalPostgresServer.StartAsync();
    Environment.SetEnvironmentVariable(BenchDatabase.EnvironmentVariable, server.ConnectionString);
    Console.WriteLine($"PostgreSQL is up at {server.Url}.");
}

try
{
    // --interleaved [rounds]: the bulk insert's three sides in turn, round after round, outside BenchmarkDotNet.
    // --orm-interleaved [rounds [filter]]: the same for the sides of the ORM benchmarks (of the classes whose name contains filter).
    if (args is ["--interleaved", ..])
        await BulkInsertInterleaved.RunAsync(Rounds(args));
    else if (args is ["--orm-interleaved", ..])
        await OrmInterleaved.RunAsync(Rounds(args), args.Length > 2 ? args[2] : null);
    else
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, CreateConfig());
}
finally
{
    if (server is not null)
        await server.DisposeAsync();
}

// Sized for the project's 2-core machines, which other work often shares: one launch, a few warmups and twenty
// measured iterations of ~0.25 s each. Many short iterations let BenchmarkDotNet drop the ones a burst of outside
// load spoiled (upper outliers), and the whole suite (13 benchmarks) takes about two and a half minutes.
static IConfig CreateConfig()
{
    var job = Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(4)
        .WithIterationCount(20)
        .WithIterationTime(TimeInterval.FromMilliseconds(250))
        .WithId("Short2Core");
    var defaults = DefaultConfig.Instance;
    return ManualConfig.CreateEmpty()
        .AddJob(job)
        .AddColumnProvider(defaults.GetColumnProviders().ToArray())
        // Round trips to a server on a shared machine are noisy: Min and Median say more than Mean under outside load.
        .AddColumn(StatisticColumn.Min, StatisticColumn.Median)
        .AddLogger(defaults.GetLoggers().ToArray())
        .AddAnalyser(defaults.GetAnalysers().ToArray())
        .AddValidator(defaults.GetValidators().ToArray())
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddExporter(MarkdownExporter.GitHub)
        .WithArtifactsPath(ArtifactsPath());
}

// Results go beside the project (benchmarks/Framework.Benchmarks/BenchmarkDotNet.Artifacts), whatever the current
// directory; --artifacts on the command line still wins.
static string ArtifactsPath()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Framework.Benchmarks.csproj")))
            return Path.Combine(dir.FullName, "BenchmarkDotNet.Artifacts");
    }
    return Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts");
}

static int Rounds(string[] args) => args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;

// Listing or help needs no database.
static bool IsInformationOnly(string[] args) =>
    args.Any(a => a is "--list" or "--help" or "-h" or "--version" or "--info");
