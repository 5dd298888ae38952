namespace Courier.Functions.Tests.Api;

/// <summary>The API tests share one Azurite and one host (<see cref="CatalogHost"/>).</summary>
[CollectionDefinition(Name)]
public sealed class SharedCatalogHost : ICollectionFixture<CatalogHost>
{
    public const string Name = "catalog-host";
}
