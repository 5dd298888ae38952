using Azure.Data.Tables;
using Courier.Domain.Model;

namespace Courier.Domain.Storage;

/// <summary>Recipient groups, in table <c>{prefix}groups</c>.</summary>
public sealed class GroupRepository(CatalogTables tables)
    : DocumentRepository<RecipientGroup>(tables?.Service!, tables!.Name("groups"))
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

    protected override void WriteColumns(TableEntity entity, RecipientGroup document) => entity["Members"] = Bar(document.MemberIds.Select(m => m.ToString("D")));
}
