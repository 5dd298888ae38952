using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Courier.Domain.Storage;

/// <summary>The table service and the table names of one catalog.</summary>
public sealed partial class CatalogTables
{
    public CatalogTables(IOptions<CatalogStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        if (!Prefix().IsMatch(value.TablePrefix))
        {
            throw new InvalidOperationException("Catalog TablePrefix must be 1 to 40 letters and digits, starting with a letter.");
        }

        Service = new TableServiceClient(value.ConnectionString);
        TablePrefix = value.TablePrefix;
    }

    public TableServiceClient Service { get; }

    public string TablePrefix { get; }

    public string Name(string resource) => TablePrefix + resource;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$")]
    private static partial Regex Prefix();
}
