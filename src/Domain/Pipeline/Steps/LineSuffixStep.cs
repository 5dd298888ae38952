using Courier.Domain.Pipeline.Options;

namespace Courier.Domain.Pipeline.Steps;

/// <summary>Appends the configured characters to every line (first step, on the plain text).</summary>
public sealed class LineSuffixStep : IFileStep
{
    public int Order => 100;

    public bool AppliesTo(StepContext context) => context?.Options.LineSuffix is not null;

    public string Rename(string name, StepContext context) => name;

    public Task<Stream> OpenAsync(Stream destination, string inputName, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Options;
        var encoding = options.TextEncoding ?? throw new InvalidOperationException("A line suffix only applies to text formats.");
        var suffix = encoding.GetBytes(options.LineSuffix?.Suffix ?? "");
        return Task.FromResult<Stream>(new LineSuffixStream(destination, suffix));
    }
}
