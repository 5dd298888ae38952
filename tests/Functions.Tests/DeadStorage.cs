using Courier.Testing;

namespace Courier.Functions.Tests;

/// <summary>A storage connection string whose endpoints are free ports nothing listens on.</summary>
public static class DeadStorage
{
    public static string ConnectionString()
    {
        var port = FreePort.Next();
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }
}
