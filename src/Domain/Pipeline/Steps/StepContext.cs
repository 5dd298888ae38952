using Courier.Domain.Pipeline.Naming;
using Courier.Domain.Pipeline.Options;

namespace Courier.Domain.Pipeline.Steps;

/// <summary>What a step sees of the file being built: its settings and the run's naming context.</summary>
public sealed record StepContext(OutputFileOptions Options, FileNameContext Naming);
