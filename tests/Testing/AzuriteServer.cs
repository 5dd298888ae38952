namespace Courier.Testing;

/// <summary>
/// Azurite (blob, queue, table) in memory on three free ports. <c>--skipApiVersionCheck</c> because
/// the current SDKs send an x-ms-version newer than Azurite knows (reference/local-servers.md §1).
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ServerProcess _process;

    private AzuriteServer(ServerProcess process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public ServerProcess Process => _process;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public static Task<AzuriteServer> StartAsync() =>
        StartAsync(FreePort.Next(), FreePort.Next(), FreePort.Next());

    public static async Task<AzuriteServer> StartAsync(int blobPort, int queuePort, int tablePort)
    {
        var process = await ServerProcess.StartAsync(
            "azurite",
            RepoPaths.NodeTool("azurite"),
            [
                "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry",
                "--blobHost", "127.0.0.1", "--blobPort", $"{blobPort}",
                "--queueHost", "127.0.0.1", "--queuePort", $"{queuePort}",
                "--tableHost", "127.0.0.1", "--tablePort", $"{tablePort}",
            ],
            async ct => await FreePort.IsOpenAsync(blobPort, ct)
                && await FreePort.IsOpenAsync(queuePort, ct)
                && await FreePort.IsOpenAsync(tablePort, ct),
            TimeSpan.FromSeconds(60),
            workingDirectory: TestRun.Directory);
        return new AzuriteServer(process, blobPort, queuePort, tablePort);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
