using System.Security.Cryptography;
using System.Text;
using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Email;
using Courier.Domain.Pipeline.Hashing;

namespace Courier.Domain.Destinations;

/// <summary>
/// Delivery to any <see cref="IRemoteFileSystem"/>: empty-file skip, directory creation, overwrite
/// policy, upload to a temporary name then rename, and exactly-once by content: when the final name
/// already holds a file with the same size and sha256, a re-executed delivery sends nothing.
/// Per-protocol classes only say how to connect.
/// </summary>
public abstract class FileSystemDestination<TSettings>(TimeProvider timeProvider) : IDestination
    where TSettings : FileSystemDestinationSettings
{
    private const int MaxAutoIncrement = 10_000;

    public abstract string Kind { get; }

    protected abstract Task<IRemoteFileSystem> ConnectAsync(TSettings settings, CancellationToken cancellationToken);

    public async Task<DeliveryReceipt> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        if (request.Settings is not TSettings settings)
        {
            throw new ArgumentException($"{GetType().Name} needs {typeof(TSettings).Name}, got {request.Settings.GetType().Name}.", nameof(request));
        }
        var file = request.File;
        if (request.TestModeAddress is not null && request.TestModeSkipsOtherDestinations)
        {
            return Receipt(settings, "", 0, DeliveryOutcome.SkippedTestMode);
        }
        if (settings.SkipEmptyFile && file.IsEmpty)
        {
            return Receipt(settings, "", 0, DeliveryOutcome.SkippedEmpty);
        }

        try
        {
            await using var fileSystem = await ConnectAsync(settings, cancellationToken);
            var directory = DirectoryFor(settings, request);
            if (directory.Length > 0)
            {
                await fileSystem.CreateDirectoryAsync(directory, cancellationToken);
            }
            var (target, earlier) = await ChooseTargetAsync(fileSystem, directory, settings.Overwrite, file, cancellationToken);
            if (earlier is not null)
            {
                return Receipt(settings, $"{fileSystem.Endpoint}/{target}", earlier.Value, DeliveryOutcome.AlreadyDelivered);
            }
            if (target is null)
            {
                return Receipt(settings, $"{fileSystem.Endpoint}/{RemotePath.Combine(directory, file.Name)}", 0, DeliveryOutcome.SkippedExists);
            }

            var temporary = fileSystem.UploadsAtomically
                ? target
                : RemotePath.Combine(directory, $".{file.Name}.{ShortKey(request.IdempotencyKey)}.part");
            long bytes;
            await using (var content = await file.OpenReadAsync(cancellationToken))
            {
                bytes = await fileSystem.UploadAsync(temporary, content, cancellationToken);
            }
            if (bytes != file.Length)
            {
                await fileSystem.DeleteAsync(temporary, cancellationToken);
                throw new DeliveryException(Kind, settings.DisplayName, fileSystem.Endpoint.ToString(), "upload",
                    $"{bytes} bytes were uploaded but the file has {file.Length}");
            }
            if (temporary != target)
            {
                await fileSystem.RenameAsync(temporary, target, cancellationToken);
            }
            return Receipt(settings, $"{fileSystem.Endpoint}/{target}", bytes, DeliveryOutcome.Delivered);
        }
        catch (ConnectorException e)
        {
            throw DeliveryException.From(settings, e);
        }
    }

    /// <summary>
    /// The name to write, or (name, bytes) of an earlier delivery of the same content, or (null, null)
    /// when the policy says skip.
    /// </summary>
    private static async Task<(string? Target, long? Earlier)> ChooseTargetAsync(
        IRemoteFileSystem fileSystem, string directory, OverwritePolicy overwrite, DeliveryFile file, CancellationToken cancellationToken)
    {
        var target = RemotePath.Combine(directory, file.Name);
        for (var attempt = 0; attempt <= MaxAutoIncrement; attempt++)
        {
            var existing = await fileSystem.GetInfoAsync(target, cancellationToken);
            if (existing is null)
            {
                return (target, null);
            }
            if (await HoldsSameContentAsync(fileSystem, existing, file, cancellationToken))
            {
                return (target, existing.Size);
            }
            switch (overwrite)
            {
                case OverwritePolicy.Overwrite:
                    return (target, null);
                case OverwritePolicy.SkipIfExists:
                    return (null, null);
                case OverwritePolicy.FailIfExists:
                    throw new ConnectorException(fileSystem.Endpoint, "upload", target,
                        "the file already exists and the overwrite policy is FailIfExists");
                case OverwritePolicy.AutoIncrement:
                    target = RemotePath.Combine(directory, Numbered(file.Name, attempt + 1));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(overwrite), overwrite, "Unknown overwrite policy.");
            }
        }
        throw new ConnectorException(fileSystem.Endpoint, "upload", target, $"more than {MaxAutoIncrement} numbered copies exist");
    }

    private static async Task<bool> HoldsSameContentAsync(IRemoteFileSystem fileSystem, RemoteFileInfo existing, DeliveryFile file, CancellationToken cancellationToken)
    {
        if (existing.Size != file.Length)
        {
            return false;
        }
        // Hash the remote copy on the fly into nowhere: nothing of it is kept.
        await using var hash = new HashingStream(Stream.Null);
        await fileSystem.DownloadAsync(existing.Path, hash, cancellationToken);
        return string.Equals(hash.Complete().Sha256, file.Sha256, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The directory, which may be a Liquid template over the run's variables ("exports/{{ task_name }}").</summary>
    private string DirectoryFor(TSettings settings, DeliveryRequest request)
    {
        if (!settings.Directory.Contains("{{", StringComparison.Ordinal) && !settings.Directory.Contains("{%", StringComparison.Ordinal))
        {
            return settings.Directory;
        }
        try
        {
            var variables = new Dictionary<string, object?>(request.Variables, StringComparer.Ordinal) { ["run_id"] = request.RunId, ["file_name"] = request.File.Name };
            return MessageTemplate.Render(settings.Directory, variables, html: false).Trim();
        }
        catch (TemplateException e)
        {
            throw new DeliveryException(Kind, settings.DisplayName, "", "render directory template", e.Message, e);
        }
    }

    /// <summary>report.csv.gpg → report_2.csv.gpg: the number goes before the first extension.</summary>
    internal static string Numbered(string name, int number)
    {
        var dot = name.IndexOf('.', 1);
        return dot < 0 ? $"{name}_{number}" : $"{name[..dot]}_{number}{name[dot..]}";
    }

    private static string ShortKey(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..12];

    private DeliveryReceipt Receipt(TSettings settings, string location, long bytes, DeliveryOutcome outcome) =>
        new(Kind, settings.DisplayName, location, bytes, timeProvider.GetUtcNow(), outcome);
}
