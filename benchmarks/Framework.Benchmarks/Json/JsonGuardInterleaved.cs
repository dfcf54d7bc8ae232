namespace Framework.Benchmarks.Json;

/// <summary>
/// <see cref="JsonGuardBenchmarks"/>' two sides in turn, round after round, outside BenchmarkDotNet: on a machine that other
/// work loads, a round's two times share its load, so their ratio says more than two means taken minutes apart. Each
/// side's time in a round is the smallest of a few calls, which drops the calls a burst of outside load interrupted.
/// </summary>
public static class JsonGuardInterleaved
{
    private const int CallsPerRound = 3;

    public static void Run(int rounds)
    {
        var benchmarks = new JsonGuardBenchmarks();
        benchmarks.Setup();
        var sides = new (string Name, Func<long> Write)[]
        {
            ("Plain System.Text.Json", benchmarks.Plain_System_Text_Json),
            ("With the JSON guard", benchmarks.With_the_JSON_guard),
        };
        foreach (var side in sides)
        {
            for (var i = 0; i < 20; i++)
                side.Write();
        }
        var times = sides.Select(_ => new double[rounds]).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var side = 0; side < sides.Length; side++)
            {
                var best = double.MaxValue;
                for (var call = 0; call < CallsPerRound; call++)
                {
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    sides[side].Write();
                    best = Math.Min(best, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                }
                times[side][round] = best;
            }
        }
        InterleavedReport.Print([.. sides.Select(s => s.Name)], times, "us");
    }
}
