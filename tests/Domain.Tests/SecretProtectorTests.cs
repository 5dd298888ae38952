using Courier.Domain.Secrets;
using Microsoft.Extensions.Options;

namespace Courier.Domain.Tests;

public sealed class SecretProtectorTests
{
    private readonly SecretProtector _protector = new(Options.Create(TestCatalog.NewKeys("k1")));

    [Fact]
    public void A_secret_round_trips_and_the_envelope_does_not_show_it()
    {
        var envelope = _protector.Protect(Samples.Canary, "owner-1");

        Assert.DoesNotContain(Samples.Canary, envelope, StringComparison.Ordinal);
        Assert.StartsWith("v1:k1:", envelope, StringComparison.Ordinal);
        Assert.Equal(Samples.Canary, _protector.Unprotect(envelope, "owner-1"));
    }

    [Fact]
    public void A_ciphertext_moved_to_another_owner_or_changed_does_not_decrypt()
    {
        var envelope = _protector.Protect(Samples.Canary, "owner-1");
        var bytes = Convert.FromBase64String(envelope[6..]);
        bytes[^1] ^= 1;
        var tampered = "v1:k1:" + Convert.ToBase64String(bytes);

        var moved = Assert.Throws<SecretUnavailableException>(() => _protector.Unprotect(envelope, "owner-2"));
        Assert.Throws<SecretUnavailableException>(() => _protector.Unprotect(tampered, "owner-1"));
        Assert.DoesNotContain(Samples.Canary, moved.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_rotation_old_envelopes_still_decrypt_and_need_rotation()
    {
        var keys = TestCatalog.NewKeys("k1", "k2");
        var old = new SecretProtector(Options.Create(new SecretKeyOptions { ActiveKeyId = "k1", Keys = keys.Keys }));
        var rotated = new SecretProtector(Options.Create(keys));
        var envelope = old.Protect("s", "o");

        Assert.True(rotated.NeedsRotation(envelope));
        Assert.Equal("s", rotated.Unprotect(envelope, "o"));
        Assert.False(rotated.NeedsRotation(rotated.Protect("s", "o")));
    }

    [Theory]
    [InlineData("", "AAAA")]
    [InlineData("k1", "not base64!")]
    [InlineData("k1", "AAAA")]
    public void Bad_key_configuration_fails_at_start(string active, string key)
    {
        var options = new SecretKeyOptions { ActiveKeyId = active, Keys = { ["k1"] = key } };

        Assert.Throws<InvalidOperationException>(() => new SecretProtector(Options.Create(options)));
    }
}
