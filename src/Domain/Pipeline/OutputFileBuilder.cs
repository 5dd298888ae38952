using System.Data.Common;
using Courier.Domain.Pipeline.Formats;
using Courier.Domain.Pipeline.Hashing;
using Courier.Domain.Pipeline.Naming;
using Courier.Domain.Pipeline.Options;
using Courier.Domain.Pipeline.Steps;
using Courier.Domain.Pipeline.Storage;
using Courier.Domain.Pipeline.Streams;

namespace Courier.Domain.Pipeline;

/// <summary>
/// Builds one output file of a run, streaming end to end: rows → format → steps (line suffix → PGP →
/// zip, by their order) → MD5 + SHA-256 + size → staged blocks of <c>outputs/{project}/{task}/{run}/{file}</c>,
/// committed only when everything succeeded. Adding a format or a step never changes this class.
/// </summary>
public sealed class OutputFileBuilder(IEnumerable<IOutputFormat> formats, IEnumerable<IFileStep> steps, OutputBlobStore store)
{
    private readonly IReadOnlyList<IOutputFormat> _formats = [.. formats];
    private readonly IReadOnlyList<IFileStep> _steps = [.. steps];

    public Task<RunFile> BuildAsync(DbDataReader rows, OutputFileOptions options, FileNameContext naming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var format = _formats.FirstOrDefault(f => f.Kind == options.Format)
            ?? throw new InvalidOperationException($"No format is registered for {options.Format}.");
        return BuildCoreAsync((head, token) => format.WriteAsync(rows, options, head, token), options, naming, cancellationToken);
    }

    /// <summary>
    /// Stores a file as it is (a fetched file or a script's output kept in its original format): its
    /// bytes go through the same steps, hashes and blob. The row count is its lines, less the header
    /// when <see cref="DelimitedOptions.Header"/> says it has one.
    /// </summary>
    public Task<RunFile> BuildAsync(Stream content, OutputFileOptions options, FileNameContext naming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        var headerLines = (options.Delimited ?? new()).Header ? 1 : 0;
        return BuildCoreAsync(async (head, token) => Math.Max(0, await LineCount.CopyAsync(content, head, token) - headerLines), options, naming, cancellationToken);
    }

    private async Task<RunFile> BuildCoreAsync(
        Func<Stream, CancellationToken, Task<long>> write, OutputFileOptions options, FileNameContext naming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(naming);
        if (options.Validate() is [var first, ..])
        {
            throw new ArgumentException($"{first.Field}: {first.Message}", nameof(options));
        }
        var context = new StepContext(options, naming);
        var active = _steps.Where(s => s.AppliesTo(context)).OrderBy(s => s.Order).ToList();

        // names[i] is the file as step i receives it; the last one is the stored file.
        var names = new List<string> { FileNameTemplate.Parse(options.NameTemplate).Render(naming) };
        foreach (var step in active)
        {
            names.Add(SafeFileName.Ensure(step.Rename(names[^1], context)));
        }
        var fileName = names[^1];
        var blobName = OutputBlobStore.BlobName(naming.ProjectFolder, naming.TaskFolder, naming.RunId, fileName);

        await using var upload = await store.OpenWriteAsync(blobName, cancellationToken);
        long rowCount;
        FileDigest digest;
        using (var hashing = new HashingStream(upload))
        {
            rowCount = await WriteThroughStepsAsync(write, active, names, context, hashing, cancellationToken);
            digest = hashing.Complete();
        }
        await upload.CommitAsync(Convert.FromHexString(digest.Md5), ContentType(fileName), cancellationToken);
        return new RunFile(naming.RunId, fileName, digest.Size, digest.Md5, digest.Sha256, $"{store.ContainerName}/{blobName}", rowCount, rowCount == 0);
    }

    private static async Task<long> WriteThroughStepsAsync(
        Func<Stream, CancellationToken, Task<long>> write,
        List<IFileStep> active,
        List<string> names,
        StepContext context,
        Stream sink,
        CancellationToken cancellationToken)
    {
        var opened = new Stack<Stream>();
        try
        {
            var head = sink;
            for (var i = active.Count - 1; i >= 0; i--)
            {
                head = await active[i].OpenAsync(head, names[i], context, cancellationToken);
                opened.Push(head);
            }
            var count = await write(head, cancellationToken);
            // Outermost first: each step's trailer (PGP's MDC, zip's directory) flows into the next.
            while (opened.TryPop(out var stream))
            {
                await stream.DisposeAsync();
            }
            return count;
        }
        finally
        {
            foreach (var stream in opened)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private static string ContentType(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" => "text/csv",
        ".txt" => "text/plain",
        ".jsonl" => "application/jsonl",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".zip" => "application/zip",
        ".gpg" => "application/pgp-encrypted",
        ".asc" => "application/pgp-encrypted",
        _ => "application/octet-stream",
    };
}
