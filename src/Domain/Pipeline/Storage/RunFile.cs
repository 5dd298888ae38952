namespace Courier.Domain.Pipeline.Storage;

/// <summary>A file a run produced, as stored: where its bytes are and what they hash to.</summary>
/// <param name="Name">The final file name (after PGP and zip renames).</param>
/// <param name="Size">Bytes in the blob.</param>
/// <param name="Md5">Lower-case hex MD5 of the blob's bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the blob's bytes.</param>
/// <param name="BlobPath">Container and blob name, <c>outputs/{project}/{task}/{run}/{file}</c>.</param>
/// <param name="RowCount">Data rows written, headers excluded.</param>
/// <param name="IsEmpty">No data rows: deliveries may skip the file.</param>
public sealed record RunFile(
    string RunId,
    string Name,
    long Size,
    string Md5,
    string Sha256,
    string BlobPath,
    long RowCount,
    bool IsEmpty);
