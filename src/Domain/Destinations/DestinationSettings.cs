namespace Courier.Domain.Destinations;

/// <summary>What a task says about one destination. Each destination kind derives its own record.</summary>
public abstract record DestinationSettings
{
    /// <summary>Selects the <see cref="IDestination"/> in the registry.</summary>
    public abstract string Kind { get; }

    /// <summary>A name for receipts and logs ("Finance SFTP"); defaults to the kind.</summary>
    public string? Name { get; init; }

    /// <summary>"Don't send empty files": a zero-byte file is skipped with a receipt saying so.</summary>
    public bool SkipEmptyFile { get; init; }

    public string DisplayName => Name ?? Kind;
}
