namespace Courier.Domain.Sources.Sql;

/// <summary>The registered SQL providers, looked up by connection kind.</summary>
public sealed class SqlProviders(IEnumerable<ISqlProvider> providers)
{
    private readonly Dictionary<string, ISqlProvider> _byKind =
        providers.ToDictionary(p => p.Kind, StringComparer.OrdinalIgnoreCase);

    public ISqlProvider Get(string kind) =>
        _byKind.TryGetValue(kind, out var provider)
            ? provider
            : throw new SourceException($"No SQL provider for connection kind '{kind}'. Known: {string.Join(", ", _byKind.Keys.Order(StringComparer.Ordinal))}.");
}
