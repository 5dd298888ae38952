using Courier.Domain.Pipeline.Naming;

namespace Courier.Domain.Pipeline.Options;

/// <summary>Put the file into a zip archive.</summary>
/// <param name="NameTemplate">A file-name template for the archive; null means the file's name plus <c>.zip</c>.</param>
public sealed record ZipOptions(string? NameTemplate = null)
{
    public IReadOnlyList<OptionError> Validate() =>
        NameTemplate is null
            ? []
            : [.. FileNameTemplate.Validate(NameTemplate).Select(e => new OptionError(nameof(NameTemplate), e.ToString()))];
}
