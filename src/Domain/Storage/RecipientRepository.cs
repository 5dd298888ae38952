using Azure.Data.Tables;
using Courier.Domain.Model;

namespace Courier.Domain.Storage;

/// <summary>Recipients, in table <c>{prefix}recipients</c>.</summary>
public sealed class RecipientRepository(CatalogTables tables)
    : DocumentRepository<Recipient>(tables?.Service!, tables!.Name("recipients"))
{
    public async Task<IReadOnlySet<Guid>> IdsAsync(CancellationToken cancellationToken = default)
    {
        var ids = new HashSet<Guid>();
        await foreach (var row in ColumnsAsync(null, ["RowKey"], cancellationToken))
        {
            ids.Add(Guid.Parse(row.RowKey));
        }

        return ids;
    }

    protected override void WriteColumns(TableEntity entity, Recipient document) => entity["Email"] = document.Email;
}
