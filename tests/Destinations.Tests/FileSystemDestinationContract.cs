using Courier.Domain.Destinations;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>
/// What every file-system destination (SFTP, FTP, FTPS, SMB, Blob) must do, checked against a real
/// server. A subclass says how to reach its server and how to read what landed there.
/// </summary>
public abstract class FileSystemDestinationContract
{
    protected const string Canary = "Canary-Secret-93f1";

    protected abstract IDestination Destination { get; }

    /// <summary>Settings pointing at the running server, writing into <paramref name="directory"/>.</summary>
    protected abstract FileSystemDestinationSettings Settings(string directory, OverwritePolicy overwrite, bool skipEmpty = false);

    /// <summary>Settings pointing at a port nothing listens on, whose password is <see cref="Canary"/>.</summary>
    protected abstract FileSystemDestinationSettings DownSettings();

    /// <summary>Settings for the running server with a wrong password (<see cref="Canary"/>).</summary>
    protected abstract FileSystemDestinationSettings WrongPasswordSettings();

    /// <summary>The files (name → bytes) in a directory on the server, read independently of Courier.</summary>
    protected abstract Task<IReadOnlyDictionary<string, byte[]>> ReadDirectoryAsync(string directory);

    protected static string Unique(string prefix) => UniqueName.For(prefix);

    [Fact]
    public async Task Delivers_into_a_new_nested_directory_and_leaves_no_temporary_file()
    {
        var directory = $"{Unique("out")}/nested/deeper";
        var file = TestFiles.FromText("report.csv", "id,name\n1,Ada\n2,Grace\n");

        var receipt = await Destination.DeliverAsync(TestFiles.Request(file, Settings(directory, OverwritePolicy.Overwrite)), default);

        Assert.Equal(DeliveryOutcome.Delivered, receipt.Outcome);
        Assert.Equal(file.Length, receipt.Bytes);
        Assert.EndsWith($"{directory}/report.csv", receipt.Location, StringComparison.Ordinal);
        var files = await ReadDirectoryAsync(directory);
        Assert.Equal(["report.csv"], files.Keys);
        Assert.Equal("id,name\n1,Ada\n2,Grace\n", System.Text.Encoding.UTF8.GetString(files["report.csv"]));
    }

    [Fact]
    public async Task Overwrite_replaces_a_different_file()
    {
        var directory = Unique("ow");
        await Destination.DeliverAsync(TestFiles.Request(TestFiles.FromText("a.csv", "old"), Settings(directory, OverwritePolicy.Overwrite)), default);

        var receipt = await Destination.DeliverAsync(TestFiles.Request(TestFiles.FromText("a.csv", "new content"), Settings(directory, OverwritePolicy.Overwrite)), default);

        Assert.Equal(DeliveryOutcome.Delivered, receipt.Outcome);
        var files = await ReadDirectoryAsync(directory);
        Assert.Equal("new content", System.Text.Encoding.UTF8.GetString(Assert.Single(files).Value));
    }

    [Fact]
    public async Task SkipIfExists_leaves_the_existing_file()
    {
        var directory = Unique("skip");
        await Destination.DeliverAsync(TestFiles.Request(TestFiles.FromText("a.csv", "first"), Settings(directory, OverwritePolicy.SkipIfExists)), default);

        var receipt = await Destination.DeliverAsync(TestFiles.Request(TestFiles.FromText("a.csv", "second"), Settings(directory, OverwritePolicy.SkipIfExists)), default);

        Assert.Equal(DeliveryOutcome.SkippedExists, receipt.Outcome);
        var files = await ReadDirectoryAsync(directory);
        Assert.Equal("first", System.Text.Encoding.UTF8.GetString(Assert.Single(files).Value));
    }

    [Fact]
    public async Task FailIfExists_fails_clearly_and_keeps_the_existing_file()
    {
        var directory = Unique("fail");
        var settings = Settings(directory, OverwritePolicy.FailIfExists);
        await Destination.DeliverAsync(TestFiles.Request(TestFiles.FromText("a.csv", "first"), settings), default);

        var error = await Assert.ThrowsAsync<DeliveryException>(() =>
            Destination.DeliverAsync(TestFiles.Request(TestFiles.FromText("a.csv", "second"), settings), default));

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Contains(settings.Kind, error.Message, StringComparison.Ordinal);
        Assert.Equal("first", System.Text.Encoding.UTF8.GetString(Assert.Single(await ReadDirectoryAsync(directory)).Value));
    }

    [Fact]
    public async Task AutoIncrement_numbers_new_copies_before_the_extension()
    {
        var directory = Unique("inc");
        var settings = Settings(directory, OverwritePolicy.AutoIncrement);
        foreach (var content in new[] { "one", "two", "three" })
        {
            await Destination.DeliverAsync(TestFiles.Request(TestFiles.FromText("r.csv.gpg", content), settings), default);
        }

        var files = await ReadDirectoryAsync(directory);
        Assert.Equal(["r.csv.gpg", "r_1.csv.gpg", "r_2.csv.gpg"], files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("three", System.Text.Encoding.UTF8.GetString(files["r_2.csv.gpg"]));
    }

    [Fact]
    public async Task An_empty_file_is_skipped_only_when_asked()
    {
        var skipped = Unique("empty");
        var kept = Unique("emptyok");
        var empty = TestFiles.FromBytes("empty.csv", []);

        var skip = await Destination.DeliverAsync(TestFiles.Request(empty, Settings(skipped, OverwritePolicy.Overwrite, skipEmpty: true)), default);
        var send = await Destination.DeliverAsync(TestFiles.Request(empty, Settings(kept, OverwritePolicy.Overwrite, skipEmpty: false)), default);

        Assert.Equal(DeliveryOutcome.SkippedEmpty, skip.Outcome);
        Assert.Equal(DeliveryOutcome.Delivered, send.Outcome);
        Assert.Empty(await ReadDirectoryAsync(skipped));
        Assert.Empty(Assert.Single(await ReadDirectoryAsync(kept)).Value);
    }

    [Fact]
    public async Task The_same_delivery_executed_twice_leaves_one_file()
    {
        var directory = Unique("once");
        // AutoIncrement is the policy that would visibly duplicate a file delivered twice.
        var request = TestFiles.Request(TestFiles.FromText("once.csv", "exactly once"), Settings(directory, OverwritePolicy.AutoIncrement), key: "orch-1:exec-1:7");

        var first = await Destination.DeliverAsync(request, default);
        var second = await Destination.DeliverAsync(request, default);

        Assert.Equal(DeliveryOutcome.Delivered, first.Outcome);
        Assert.Equal(DeliveryOutcome.AlreadyDelivered, second.Outcome);
        Assert.Equal(["once.csv"], (await ReadDirectoryAsync(directory)).Keys);
    }

    [Fact]
    public async Task Test_mode_leaves_file_destinations_alone_unless_the_task_says_skip()
    {
        var delivered = Unique("tmon");
        var skipped = Unique("tmskip");
        var file = TestFiles.FromText("t.csv", "x");

        var normal = await Destination.DeliverAsync(TestFiles.Request(file, Settings(delivered, OverwritePolicy.Overwrite)) with { TestModeAddress = "qa@corp.test" }, default);
        var skip = await Destination.DeliverAsync(
            TestFiles.Request(file, Settings(skipped, OverwritePolicy.Overwrite)) with { TestModeAddress = "qa@corp.test", TestModeSkipsOtherDestinations = true }, default);

        Assert.Equal(DeliveryOutcome.Delivered, normal.Outcome);
        Assert.Equal(DeliveryOutcome.SkippedTestMode, skip.Outcome);
        Assert.Single(await ReadDirectoryAsync(delivered));
        Assert.Empty(await ReadDirectoryAsync(skipped));
    }

    [Fact]
    public async Task A_server_that_is_down_gives_a_clear_error_without_the_password()
    {
        var settings = DownSettings();

        var error = await Assert.ThrowsAsync<DeliveryException>(() =>
            Destination.DeliverAsync(TestFiles.Request(TestFiles.FromText("a.csv", "x"), settings), default));

        Assert.Equal(settings.Kind, error.Kind);
        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_reported_without_the_password()
    {
        var error = await Assert.ThrowsAsync<DeliveryException>(() =>
            Destination.DeliverAsync(TestFiles.Request(TestFiles.FromText("a.csv", "x"), WrongPasswordSettings()), default));

        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
    }
}
