using System.Text;
using System.Text.Json;

namespace Courier.Durable.Storage;

/// <summary>
/// One control-queue message carrying the start messages of several instances of one partition, sent
/// by a batched start: one send for many starts. The items are the starts' own message bodies (a large
/// one stays a blob reference), so a bundle that comes back after a crash can be split into single ones.
/// </summary>
internal sealed record StartBundle(IReadOnlyList<string> Starts)
{
    private const string StartsProperty = "starts";

    /// <summary>How <see cref="Encode"/> begins every bundle (and no task message begins).</summary>
    private const string BundlePrefix = "{\"" + StartsProperty + "\":";

    /// <summary>Groups start bodies into bundles that each fit in one queue message.</summary>
    public static List<List<int>> Group(IReadOnlyList<string> bodies) => QueueBodyGroups.Of(bodies, int.MaxValue);

    public string Encode() => QueueBodyGroups.Encode(StartsProperty, Starts);

    /// <summary>Reads a bundle; null when <paramref name="text"/> is an ordinary message. Throws <see cref="JsonException"/> on bad JSON.</summary>
    public static StartBundle? TryDecode(string text)
    {
        // Every control message passes here: ordinary ones are told apart without a second parse.
        if (!text.StartsWith(BundlePrefix, StringComparison.Ordinal))
        {
            return null;
        }
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(StartsProperty, out var starts))
        {
            return null;
        }
        if (starts.ValueKind != JsonValueKind.Array || starts.GetArrayLength() == 0)
        {
            throw new JsonException("A start bundle has no starts.");
        }
        return new StartBundle([.. starts.EnumerateArray().Select(e => e.GetRawText())]);
    }
}
