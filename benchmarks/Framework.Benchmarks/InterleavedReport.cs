using System.Globalization;

namespace Framework.Benchmarks;

/// <summary>
/// The table an interleaved run prints (Core/BulkInsertInterleaved, Orm/OrmInterleaved): for each side, its median and
/// smallest time, and the median, smallest and largest of its time divided by the first side's (raw Npgsql's) in the
/// same round. A slow change in the machine's load moves both times of a round together, so it cancels out of the ratio.
/// </summary>
public static class InterleavedReport
{
    /// <summary>Prints the table; <paramref name="times"/> holds one array per side, one time per round, in <paramref name="unit"/>.</summary>
    public static void Print(IReadOnlyList<string> names, double[][] times, string unit)
    {
        Console.WriteLine();
        Console.WriteLine("| Method | Median | Min | Median of per-round ratio to raw | Min of per-round ratio | Max of per-round ratio |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (var side = 0; side < names.Count; side++)
        {
            var ratios = Ratios(times[side], times[0]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {names[side]} | {Median(times[side]):F1} {unit} | {times[side].Min():F1} {unit} | {Median(ratios):F2} | {ratios.Min():F2} | {ratios.Max():F2} |"));
        }
    }

    /// <summary>Prints one side's time over another's, round by round: their median, smallest and largest.</summary>
    public static void PrintRatio(string name, double[] times, string otherName, double[] otherTimes)
    {
        var ratios = Ratios(times, otherTimes);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} / {otherName}, median of per-round ratios: {Median(ratios):F2} (min {ratios.Min():F2}, max {ratios.Max():F2})"));
    }

    private static double[] Ratios(double[] times, double[] baseline) => [.. times.Select((t, round) => t / baseline[round])];

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
