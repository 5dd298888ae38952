using Courier.Domain.Model;

namespace Courier.Domain.Exchange;

/// <summary>Tasks in a stable order (rank, unranked last, name, id) so two exports of the same project are identical.</summary>
internal static class ExportOrder
{
    public static IEnumerable<TaskDefinition> InExportOrder(this IEnumerable<TaskDefinition> tasks) =>
        tasks.OrderBy(t => t.Rank ?? int.MaxValue).ThenBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id);
}
