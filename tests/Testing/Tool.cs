using System.Diagnostics;

namespace Courier.Testing;

/// <summary>Runs a short setup command (ssh-keygen, initdb, smbpasswd, ...) to completion with a deadline.</summary>
public static class Tool
{
    /// <summary>Returns the command's stdout; a non-zero exit or a timeout throws with its output quoted.</summary>
    public static async Task<string> RunAsync(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        string? standardInput = null,
        string? workingDirectory = null,
        TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? TestRun.Directory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new ServerStartException($"{name}: Process.Start returned null for {fileName}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ServerStartException($"{name} could not be started ({fileName}): {e.Message}. Run scripts/setup to install it.", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput);
            }
            process.StandardInput.Close();

            using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                throw new ServerStartException(
                    $"{name} did not finish within {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds:0} s. Its output:\n{await stdout}{await stderr}");
            }
            if (process.ExitCode != 0)
            {
                throw new ServerStartException(
                    $"{name} failed with exit code {process.ExitCode}. Its output:\n{await stdout}{await stderr}");
            }
            return await stdout;
        }
    }
}
