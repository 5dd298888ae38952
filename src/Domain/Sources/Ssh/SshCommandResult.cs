namespace Courier.Domain.Sources.Ssh;

/// <summary>How the command ended and how much of its standard output was kept.</summary>
public sealed record SshCommandResult(int ExitCode, long OutputBytes);
