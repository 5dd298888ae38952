using System.IO.Compression;
using Courier.Domain.Pipeline.Naming;
using Courier.Domain.Pipeline.Streams;

namespace Courier.Domain.Pipeline.Steps;

/// <summary>Puts the file (already encrypted, if PGP is on) into a zip archive named by the zip template or <c>name.zip</c>.</summary>
public sealed class ZipStep : IFileStep
{
    public int Order => 300;

    public bool AppliesTo(StepContext context) => context?.Options.Zip is not null;

    public string Rename(string name, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Options.Zip?.NameTemplate is { } template
            ? FileNameTemplate.Parse(template).Render(context.Naming)
            : name + ".zip";
    }

    public Task<Stream> OpenAsync(Stream destination, string inputName, StepContext context, CancellationToken cancellationToken)
    {
        // The archive writes entries with data descriptors, so the destination need not seek.
        var archive = new ZipArchive(new LeaveOpenStream(destination), ZipArchiveMode.Create, leaveOpen: false);
        var entry = archive.CreateEntry(inputName, CompressionLevel.Optimal);
        entry.LastWriteTime = context?.Naming.Now ?? entry.LastWriteTime;
        return Task.FromResult<Stream>(new OwningStream(entry.Open(), archive));
    }
}
