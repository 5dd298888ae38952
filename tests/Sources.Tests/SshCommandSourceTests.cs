using System.Text;
using Courier.Domain.Sources;
using Courier.Domain.Sources.Ssh;
using Courier.Testing;

namespace Courier.Sources.Tests;

public sealed class SshCommandSourceTests(SshFixture ssh) : IClassFixture<SshFixture>
{
    private static readonly SshCommandSource Source = new();

    [Fact]
    public async Task Standard_output_of_a_key_authenticated_command_is_the_data()
    {
        using var output = new MemoryStream();

        var result = await Source.RunAsync(
            KeyRequest("printf 'a,b\\n'; seq 1 100000 | sed 's/$/,x/'"), Sql.Context(new RunLog()), output, CancellationToken.None);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(100_001, lines.Length);
        Assert.Equal("100000,x", lines[^1]);
        Assert.Equal(output.Length, result.OutputBytes);
    }

    [Fact]
    public async Task A_failing_command_fails_the_step_with_its_stderr_in_the_log()
    {
        var log = new RunLog();

        var error = await Assert.ThrowsAsync<SourceException>(() => Source.RunAsync(
            new SshCommandRequest(ssh.Host, ssh.UserName, ssh.HostKeySha256Fingerprint, "echo partial; echo 'disk quota exceeded' >&2; exit 3",
                Port: ssh.Port, Password: ssh.Password),
            Sql.Context(log), Stream.Null, CancellationToken.None));

        Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("disk quota exceeded", error.Message, StringComparison.Ordinal);
        Assert.Contains(log.Lines, line => line.StartsWith("Warning: Command stderr:", StringComparison.Ordinal) && line.Contains("disk quota exceeded", StringComparison.Ordinal));
        Assert.DoesNotContain(ssh.Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_code_only_mode_discards_the_output()
    {
        using var output = new MemoryStream();

        var result = await Source.RunAsync(KeyRequest("echo ignored") with { CaptureOutput = false }, Sql.Context(new RunLog()), output, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task A_server_with_another_host_key_is_refused()
    {
        var error = await Assert.ThrowsAsync<SourceException>(() => Source.RunAsync(
            KeyRequest("echo never") with { HostKeySha256 = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=') },
            Sql.Context(new RunLog()), Stream.Null, CancellationToken.None));

        Assert.Contains($"SHA256:{ssh.HostKeySha256Fingerprint}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_past_its_timeout_is_stopped()
    {
        var error = await Assert.ThrowsAsync<SourceException>(() => Source.RunAsync(
            KeyRequest("sleep 30") with { TimeoutSeconds = 2 }, Sql.Context(new RunLog()), Stream.Null, CancellationToken.None));

        Assert.Contains("did not finish within 2 s", error.Message, StringComparison.Ordinal);
    }

    private SshCommandRequest KeyRequest(string command) =>
        new(ssh.Host, ssh.UserName, ssh.HostKeySha256Fingerprint, command, Port: ssh.Port, PrivateKey: ssh.PrivateKeyPem);
}
