namespace Courier.Domain.Connectors;

/// <summary>A remote file: its name (without directory), its full path, size and last modification time.</summary>
public sealed record RemoteFileInfo(string Name, string Path, long Size, DateTimeOffset? Modified);
