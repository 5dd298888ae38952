using Courier.Domain.Model;

namespace Courier.Domain.Starting;

/// <summary>Looks tasks up the three ways a start request can name them. Tag and property matches are exact.</summary>
public interface ITaskDirectory
{
    Task<IReadOnlyList<StartableTask>> FindByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<StartableTask>> FindByTagAsync(string tag, CancellationToken cancellationToken);

    Task<IReadOnlyList<StartableTask>> FindByCustomPropertyAsync(CustomProperty customProperty, CancellationToken cancellationToken);
}
