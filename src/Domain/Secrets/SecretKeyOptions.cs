namespace Courier.Domain.Secrets;

/// <summary>
/// Keys that encrypt secrets at rest (configuration section <c>Courier:Secrets</c>):
/// <c>Keys:{id}</c> = base64 of 32 random bytes, <c>ActiveKeyId</c> = the key new secrets use.
/// Rotation: add a key, make it active, run the re-encryption, then remove the old key.
/// </summary>
public sealed class SecretKeyOptions
{
    public const string Section = "Courier:Secrets";

    public string ActiveKeyId { get; set; } = "";

    public Dictionary<string, string> Keys { get; set; } = [];
}
