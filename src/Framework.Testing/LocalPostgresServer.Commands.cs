using System.Diagnostics;
using System.Text;

namespace Framework.Testing;

public sealed partial class LocalPostgresServer
{
    private static Task<CommandResult> RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgresUser,
        string workingDirectory, CancellationToken cancellationToken) =>
        RunAsync(fileName, arguments, asPostgresUser, workingDirectory, async: true, check: true, cancellationToken);

    private static Task<CommandResult> RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgresUser,
        string workingDirectory, bool async, bool check, CancellationToken cancellationToken)
    {
        var (file, args) = AsPostgres(fileName, arguments, asPostgresUser);
        return RunAsync(file, args, workingDirectory, async, check, cancellationToken);
    }

    // As root, run through runuser (util-linux) or, failing that, su; both keep the environment.
    private static (string FileName, IReadOnlyList<string> Arguments) AsPostgres(string fileName, IReadOnlyList<string> arguments,
        bool asPostgresUser)
    {
        if (!asPostgresUser)
            return (fileName, arguments);
        var runuser = FindOnPath("runuser") ?? FindIn("/usr/sbin", "runuser") ?? FindIn("/sbin", "runuser");
        if (runuser is not null)
            return (runuser, ["-u", "postgres", "--", fileName, .. arguments]);
        var command = string.Join(' ', new[] { fileName }.Concat(arguments).Select(ShellQuote));
        return (FindOnPath("su") ?? "su", ["postgres", "-s", "/bin/sh", "-c", command]);
    }

    private static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// Runs a command with its output (stdout and stderr, interleaved) captured, waiting at most two minutes.
    /// With <paramref name="async"/> false nothing is awaited, so the returned task is already complete.
    /// </summary>
    private static async Task<CommandResult> RunAsync(string fileName, IReadOnlyList<string> arguments, string? workingDirectory,
        bool async, bool check, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var commandLine = string.Join(' ', new[] { fileName }.Concat(arguments).Select(a => a.Contains(' ', StringComparison.Ordinal) ? ShellQuote(a) : a));

        var output = new StringBuilder();
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (output)
                output.AppendLine(e.Data);
        };

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run '{commandLine}': {e.Message}", e);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var finished = true;
        if (async)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CommandTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                cancellationToken.ThrowIfCancellationRequested();
                finished = false;
            }
        }
        else if (!process.WaitForExit(CommandTimeout))
        {
            Kill(process);
            finished = false;
        }
        else
        {
            // The overload without a timeout also waits until the output has been read to its end.
            process.WaitForExit();
        }

        string text;
        lock (output)
            text = output.ToString();
        if (!finished)
            throw new InvalidOperationException($"'{commandLine}' did not finish within {CommandTimeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{text}");
        var result = new CommandResult(commandLine, process.ExitCode, text);
        if (check && result.ExitCode != 0)
            throw new InvalidOperationException(result.Describe());
        return result;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }
    }

    private sealed record CommandResult(string CommandLine, int ExitCode, string Output)
    {
        public string Describe() =>
            $"'{CommandLine}' exited with code {ExitCode}." +
            (Output.Length == 0 ? " It printed nothing." : $" Its output:{Environment.NewLine}{Output.TrimEnd()}");
    }
}
