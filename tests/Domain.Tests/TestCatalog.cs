using System.Security.Cryptography;
using Courier.Domain.Catalog;
using Courier.Domain.Exchange;
using Courier.Domain.Secrets;
using Courier.Domain.Storage;
using Courier.Testing;
using Microsoft.Extensions.Options;

namespace Courier.Domain.Tests;

/// <summary>A whole catalog on Azurite under its own table prefix, wired the way the host wires it.</summary>
internal sealed class TestCatalog
{
    public TestCatalog(string connectionString, SecretKeyOptions? keys = null, string? prefix = null)
    {
        Keys = keys ?? NewKeys("k1");
        Protector = new SecretProtector(Options.Create(Keys));
        Tables = new CatalogTables(Options.Create(new CatalogStorageOptions { ConnectionString = connectionString, TablePrefix = prefix ?? UniqueName.For("c") }));
        Projects = new ProjectRepository(Tables);
        TaskRows = new TaskRepository(Tables);
        ConnectionRows = new ConnectionRepository(Tables, Protector);
        RecipientRows = new RecipientRepository(Tables);
        GroupRows = new GroupRepository(Tables);
        Tasks = new TaskCatalog(TaskRows, Projects, ConnectionRows, RecipientRows, GroupRows);
        ProjectCatalog = new ProjectCatalog(Projects, TaskRows);
        Connections = new ConnectionCatalog(ConnectionRows, Tasks);
        Recipients = new RecipientCatalog(RecipientRows, GroupRows);
        Exchange = new ProjectExchange(Projects, TaskRows, Tasks);
    }

    public SecretKeyOptions Keys { get; }

    public SecretProtector Protector { get; }

    public CatalogTables Tables { get; }

    public ProjectRepository Projects { get; }

    public TaskRepository TaskRows { get; }

    public ConnectionRepository ConnectionRows { get; }

    public RecipientRepository RecipientRows { get; }

    public GroupRepository GroupRows { get; }

    public TaskCatalog Tasks { get; }

    public ProjectCatalog ProjectCatalog { get; }

    public ConnectionCatalog Connections { get; }

    public RecipientCatalog Recipients { get; }

    public ProjectExchange Exchange { get; }

    public static SecretKeyOptions NewKeys(params string[] ids)
    {
        var options = new SecretKeyOptions { ActiveKeyId = ids[^1] };
        foreach (var id in ids)
        {
            options.Keys[id] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }

        return options;
    }
}
