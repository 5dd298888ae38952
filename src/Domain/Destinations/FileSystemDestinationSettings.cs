namespace Courier.Domain.Destinations;

/// <summary>Settings every file-system destination shares: the target directory and the overwrite policy.</summary>
public abstract record FileSystemDestinationSettings : DestinationSettings
{
    /// <summary>Remote directory (created when missing); empty for the connection's root.</summary>
    public string Directory { get; init; } = "";

    public OverwritePolicy Overwrite { get; init; } = OverwritePolicy.Overwrite;
}
