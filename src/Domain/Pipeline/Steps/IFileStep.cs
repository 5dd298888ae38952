namespace Courier.Domain.Pipeline.Steps;

/// <summary>
/// A post-processing step: a stream transform between the format and the blob. Steps run in
/// ascending <see cref="Order"/> whatever order they were registered in. Register one with
/// <c>AddStep&lt;T&gt;()</c>; the pipeline never changes for a new step.
/// </summary>
public interface IFileStep
{
    /// <summary>Position in the chain: line suffix 100, PGP 200, zip 300.</summary>
    int Order { get; }

    bool AppliesTo(StepContext context);

    /// <summary>The file's name after this step (e.g. <c>+ ".gpg"</c>); must stay a safe file name.</summary>
    string Rename(string name, StepContext context);

    /// <summary>
    /// A stream taking this step's input (the file called <paramref name="inputName"/>) and writing
    /// its output to <paramref name="destination"/>. Disposing it completes the output; <paramref name="destination"/> stays open.
    /// </summary>
    Task<Stream> OpenAsync(Stream destination, string inputName, StepContext context, CancellationToken cancellationToken);
}
