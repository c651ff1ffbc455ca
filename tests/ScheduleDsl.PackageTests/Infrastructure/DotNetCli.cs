using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace ScheduleDsl.PackageTests.Infrastructure
{
    /// <summary>Output of one child <c>dotnet</c> command.</summary>
    public sealed record CommandResult(string CommandLine, int ExitCode, string Output)
    {
        /// <summary>Command, exit code and output, for assertion messages.</summary>
        public override string ToString() => $"$ {CommandLine}\nexit code {ExitCode}\n{Output}";
    }

    /// <summary>Runs child <c>dotnet</c> commands with the same dotnet that runs the tests, so the patched
    /// side-by-side runtime of scripts/dotnet.sh (TorchSharp natives) is used when it is.</summary>
    public static class DotNetCli
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

        /// <summary>The dotnet executable: <c>DOTNET_HOST_PATH</c> (set by the CLI for its children), else the
        /// process running the tests when it is dotnet, else <c>dotnet</c> from PATH.</summary>
        public static string Executable { get; } = FindExecutable();

        /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
        public static CommandResult Run(string workingDirectory, params string[] arguments) =>
            Run(workingDirectory, new Dictionary<string, string>(), arguments);

        /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> and extra <paramref name="environment"/> variables.</summary>
        public static CommandResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
        {
            var start = new ProcessStartInfo(Executable)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments) start.ArgumentList.Add(argument);
            PrepareEnvironment(start.Environment);
            foreach (KeyValuePair<string, string> variable in environment) start.Environment[variable.Key] = variable.Value;

            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            string commandLine = "dotnet " + string.Join(" ", arguments);
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{commandLine} did not finish in {Timeout}:\n{output}");
            }
            process.WaitForExit(); // flushes the asynchronous output readers
            lock (output) return new CommandResult(commandLine, process.ExitCode, output.ToString());
        }

        private static void PrepareEnvironment(IDictionary<string, string?> environment)
        {
            // The test host runs inside `dotnet test`: its MSBuild variables would steer the child builds.
            foreach (string name in environment.Keys.ToList())
                if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                    environment.Remove(name);
            environment.Remove("SDL_ARTIFACTS");
            environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            environment["DOTNET_NOLOGO"] = "1";
            environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            // No MSBuild nodes or compiler servers left running after the test.
            environment["MSBUILDDISABLENODEREUSE"] = "1";
            environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            environment["UseSharedCompilation"] = "false";
            // English messages ("warning SDL0001"), but a German culture for everything that formats numbers:
            // the generator (inside the compiler) and the consumer programs must not depend on it.
            environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
            environment["LANG"] = "de_DE.UTF-8";
            environment["LC_ALL"] = "de_DE.UTF-8";
        }

        private static string FindExecutable()
        {
            string? hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath)) return hostPath;
            string? processPath = Environment.ProcessPath;
            if (processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet") return processPath;
            return "dotnet";
        }
    }
}
