namespace Courier.Domain.Storage;

/// <summary>Where the catalog (projects, tasks, connections, recipients, groups) is stored.</summary>
public sealed class CatalogStorageOptions
{
    /// <summary>Azure Storage connection string (Azurite locally).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Prefix of every catalog table name (letters and digits), so several catalogs can share an account.</summary>
    public string TablePrefix { get; set; } = "courier";
}
