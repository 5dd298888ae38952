using Azure.Data.Tables;
using Courier.Domain.Model;

namespace Courier.Domain.Storage;

/// <summary>Projects, in table <c>{prefix}projects</c>.</summary>
public sealed class ProjectRepository(CatalogTables tables)
    : DocumentRepository<Project>(tables?.Service!, tables!.Name("projects"))
{
    protected override void WriteColumns(TableEntity entity, Project document)
    {
        entity["Owner"] = document.Owner;
        entity["Enabled"] = document.Enabled;
    }
}
