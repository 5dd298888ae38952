using System.Text;
using Microsoft.Extensions.Logging;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Courier.Domain.Sources.Ssh;

/// <summary>
/// Runs one command over SSH (SSH.NET) and streams its standard output into the data file while it
/// runs. Standard error goes to the run log; a non-zero exit fails the step with it. A command that
/// outlives its timeout is killed on the server.
/// </summary>
public sealed partial class SshCommandSource
{
    private const int StderrKeptBytes = 64 * 1024;

    /// <summary>How long connecting and authenticating may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public async Task<SshCommandResult> RunAsync(SshCommandRequest request, SourceContext context, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var (connection, key) = Connection(request);
        using var keyFile = key;
        using var client = new SshClient(connection);
        var expected = request.HostKeySha256.Replace("SHA256:", "", StringComparison.Ordinal).TrimEnd('=');
        string? presented = null;
        client.HostKeyReceived += (_, e) =>
        {
            presented = e.FingerPrintSHA256;
            e.CanTrust = expected.Length > 0 && string.Equals(e.FingerPrintSHA256, expected, StringComparison.Ordinal);
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (request.TimeoutSeconds is > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(request.TimeoutSeconds.Value));
        }
        try
        {
            await client.ConnectAsync(timeout.Token);
        }
        catch (SshConnectionException) when (presented is not null && !string.Equals(presented, expected, StringComparison.Ordinal))
        {
            throw new SourceException(
                $"{request}: the server's host key SHA256:{presented} is not the pinned {(expected.Length == 0 ? "(none configured)" : "SHA256:" + expected)}.");
        }
        catch (SshAuthenticationException e)
        {
            throw new SourceException($"{request}: authentication failed ({e.Message}).", e);
        }
        catch (Exception e) when (e is SshException or System.Net.Sockets.SocketException or IOException)
        {
            throw new SourceException($"{request}: could not connect ({e.Message}).", e);
        }

        using var command = client.CreateCommand(request.Command);
        var execution = command.ExecuteAsync(timeout.Token);
        var stdout = request.CaptureOutput ? output : Stream.Null;
        var copied = CopyAsync(command.OutputStream, stdout, timeout.Token);
        var stderr = KeepTailAsync(command.ExtendedOutputStream, timeout.Token);
        try
        {
            await execution;
            await Task.WhenAll(copied, stderr);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SourceException($"{request}: the command did not finish within {request.TimeoutSeconds} s and was stopped.");
        }

        var error = (await stderr).Trim();
        if (error.Length > 0)
        {
            StandardError(context.Log, error);
        }
        var exitCode = command.ExitStatus ?? -1;
        if (exitCode != 0)
        {
            throw new SourceException(
                $"{request}: the command exited with {(command.ExitStatus is null ? $"signal {command.ExitSignal}" : $"code {exitCode}")}" +
                (error.Length > 0 ? $": {LastLine(error)}" : "."));
        }
        return new SshCommandResult(exitCode, await copied);
    }

    private (ConnectionInfo Connection, PrivateKeyFile? Key) Connection(SshCommandRequest request)
    {
        var methods = new List<AuthenticationMethod>();
        PrivateKeyFile? file = null;
        if (request.PrivateKey is not null)
        {
            using var key = new MemoryStream(Encoding.UTF8.GetBytes(request.PrivateKey));
            try
            {
                file = request.PrivateKeyPassphrase is null ? new PrivateKeyFile(key) : new PrivateKeyFile(key, request.PrivateKeyPassphrase);
                methods.Add(new PrivateKeyAuthenticationMethod(request.Username, file));
            }
            catch (SshException e)
            {
                throw new SourceException($"{request}: the private key could not be read ({e.Message}).", e);
            }
        }
        if (request.Password is not null)
        {
            methods.Add(new PasswordAuthenticationMethod(request.Username, request.Password));
        }
        return methods.Count == 0
            ? throw new SourceException($"{request}: no password or private key is configured.")
            : (new ConnectionInfo(request.Host, request.Port, request.Username, [.. methods]) { Timeout = ConnectTimeout }, file);
    }

    private static async Task<long> CopyAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            total += read;
        }
        return total;
    }

    // Standard error is for the log, so only its end is kept however much the command writes.
    private static async Task<string> KeepTailAsync(Stream source, CancellationToken cancellationToken)
    {
        var kept = new Queue<byte[]>();
        var size = 0;
        var buffer = new byte[8192];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            kept.Enqueue(buffer[..read]);
            size += read;
            while (size - kept.Peek().Length >= StderrKeptBytes)
            {
                size -= kept.Dequeue().Length;
            }
        }
        return Encoding.UTF8.GetString([.. kept.SelectMany(chunk => chunk)]);
    }

    private static string LastLine(string text) => text.Split('\n')[^1].Trim();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command stderr:\n{Stderr}")]
    private static partial void StandardError(ILogger logger, string stderr);
}
