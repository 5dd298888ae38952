namespace Courier.Domain.Pipeline.Hashing;

/// <summary>Size and lower-case hex digests of a file's final bytes (as <c>md5sum</c>/<c>sha256sum</c> print them).</summary>
public sealed record FileDigest(long Size, string Md5, string Sha256);
