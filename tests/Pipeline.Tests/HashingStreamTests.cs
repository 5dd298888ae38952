using System.Security.Cryptography;
using Courier.Domain.Pipeline.Hashing;

namespace Courier.Pipeline.Tests;

public sealed class HashingStreamTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"courier-hash-{Guid.NewGuid():N}");

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(5_000_003)]
    public async Task Digests_match_md5sum_and_sha256sum(int size)
    {
        var data = RandomNumberGenerator.GetBytes(size);
        FileDigest digest;
        await using (var file = File.Create(_path))
        using (var hashing = new HashingStream(file))
        {
            // Mixed write sizes exercise both the small and the two-thread path.
            var offset = 0;
            foreach (var chunk in new[] { 10, 1 << 20, 7, 3 << 20 })
            {
                var take = Math.Min(chunk, size - offset);
                await hashing.WriteAsync(data.AsMemory(offset, take));
                offset += take;
            }
            hashing.Write(data, offset, size - offset);
            digest = hashing.Complete();
        }

        Assert.Equal(size, digest.Size);
        Assert.Equal(new FileInfo(_path).Length, digest.Size);
        Assert.Equal(Cli.Digest("md5sum", _path), digest.Md5);
        Assert.Equal(Cli.Digest("sha256sum", _path), digest.Sha256);
    }

    public void Dispose() => File.Delete(_path);
}
