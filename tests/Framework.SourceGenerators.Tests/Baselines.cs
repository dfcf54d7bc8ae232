using System.Runtime.CompilerServices;

namespace Framework.SourceGenerators.Tests;

/// <summary>
/// The expected generated source, kept whole in <c>Baselines/&lt;Scenario&gt;.&lt;Type&gt;.g.cs.txt</c> (copied to the
/// output directory) rather than pasted into the tests, as System.Text.Json's generator tests keep theirs.
/// After an intended change to what the generator writes, regenerate them and review the diff:
/// <c>FRAMEWORK_UPDATE_BASELINES=1 dotnet test tests/Framework.SourceGenerators.Tests</c> rewrites, in the source
/// tree, every baseline a test compares against with the text the generator now produces.
/// </summary>
internal static class Baselines
{
    private const string UpdateVariable = "FRAMEWORK_UPDATE_BASELINES";

    /// <summary>Asserts that <paramref name="actual"/> is the text of baseline <paramref name="name"/>, or rewrites the baseline when asked to.</summary>
    public static void Verify(string name, string actual)
    {
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), "Baselines", name), actual);
            return;
        }
        var path = Path.Combine(AppContext.BaseDirectory, "Baselines", name);
        Assert.True(File.Exists(path), $"No baseline {name}: run the tests with {UpdateVariable}=1 to write it, then review it.");
        // A checkout that turned \n into \r\n does not change the baseline; the generator writes \n on every machine.
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    // Where this file is in the source tree: baselines are rewritten there, not in the output directory.
    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
