using System.Diagnostics;
using System.Text;

namespace Framework.Templates.Tests.Infrastructure;

/// <summary>
/// Runs the dotnet CLI as a user would, with what a test needs besides: no MSBuild node or build server outlives the
/// command, and a failure throws with the command line and everything it printed.
/// </summary>
public static class Dotnet
{
    /// <summary>The dotnet host running this test (the muxer), so that children use the same SDK.</summary>
    public static string Host { get; } =
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; throws unless it exits with 0.</summary>
    public static async Task<string> RunAsync(string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(workingDirectory, arguments, environment, out var output);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{CommandLine(process)}` did not end within {timeout.TotalSeconds:0} s. It printed:\n{Text(output)}");
        }
        if (process.ExitCode != 0)
            throw new CommandFailedException($"`{CommandLine(process)}` in {workingDirectory} exited with {process.ExitCode}. It printed:\n{Text(output)}");
        return Text(output);
    }

    /// <summary>Starts <c>dotnet</c> and returns at once; <paramref name="output"/> collects what it prints.</summary>
    public static Process Start(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment,
        out StringBuilder output)
    {
        var info = new ProcessStartInfo(Host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        // A build server or a reused MSBuild node would outlive the test, holding its output pipes open.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // The test reads what the commands print ("Build succeeded.", "Passed!"): in English whatever the machine says.
        info.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        // Set by the `dotnet test` that runs this test, they would point the child's MSBuild at the parent's.
        foreach (var inherited in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
            info.Environment.Remove(inherited);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;

        var lines = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(lines, e.Data);
        process.ErrorDataReceived += (_, e) => Append(lines, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = lines;
        return process;
    }

    /// <summary>The command as a user would type it.</summary>
    public static string CommandLine(Process process) =>
        string.Join(' ', process.StartInfo.ArgumentList.Prepend("dotnet").Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));

    /// <summary>What a started command has printed so far.</summary>
    public static string Text(StringBuilder output)
    {
        lock (output)
            return output.ToString();
    }

    private static void Append(StringBuilder lines, string? line)
    {
        if (line is null)
            return;
        lock (lines)
            lines.AppendLine(line);
    }
}

/// <summary>A command exited with an error; the message holds the command and its output.</summary>
public sealed class CommandFailedException(string message) : Exception(message);
