using Courier.Domain.Delivery;
using Courier.Domain.Pipeline.Storage;
using Courier.Domain.Runs;
using Courier.Functions.Orchestrations;

namespace Courier.Functions.Runs;

/// <summary>One run as the run detail page shows it: its record, where it is now, its files and deliveries.</summary>
public sealed record RunDetail(RunRecord Run, RunStep? Progress, IReadOnlyList<RunFile> Files, IReadOnlyList<DeliveryRecord> Deliveries);
