using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Courier.Durable.Hosting;

/// <summary>Rejects settings the runtime cannot work with, at start-up, naming the setting.</summary>
internal sealed partial class DurableOptionsValidator : IValidateOptions<DurableOptions>
{
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, DurableOptions options)
    {
        var errors = new List<string>();
        var storage = options.StorageProvider;
        if (!HubNamePattern().IsMatch(options.HubName ?? ""))
        {
            errors.Add($"extensions:durableTask:hubName '{options.HubName}' must be 3–40 lower-case letters and digits, starting with a letter.");
        }
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("extensions:durableTask:connectionString (or AzureWebJobsStorage) is required.");
        }
        if (storage.PartitionCount is < 1 or > 16)
        {
            errors.Add("extensions:durableTask:storageProvider:partitionCount must be between 1 and 16.");
        }
        if (storage.PoisonMessageDequeueCount < 1)
        {
            errors.Add("extensions:durableTask:storageProvider:poisonMessageDequeueCount must be at least 1.");
        }
        if (options.MaxConcurrentActivityFunctions < 1 || options.MaxConcurrentOrchestratorFunctions < 1)
        {
            errors.Add("extensions:durableTask:maxConcurrentActivityFunctions and maxConcurrentOrchestratorFunctions must be at least 1.");
        }
        if (options.MaxCachedSessions < 1)
        {
            errors.Add("extensions:durableTask:maxCachedSessions must be at least 1.");
        }
        foreach (var (setting, value) in new[]
        {
            ("workItemQueueVisibilityTimeout", storage.WorkItemQueueVisibilityTimeout),
            ("controlQueueVisibilityTimeout", storage.ControlQueueVisibilityTimeout),
            ("maxTimerHop", storage.MaxTimerHop),
            ("lostStartAfter", storage.LostStartAfter),
        })
        {
            if (value <= TimeSpan.Zero || value > MaxVisibility)
            {
                errors.Add($"extensions:durableTask:storageProvider:{setting} must be positive and at most 7 days (the queue visibility limit).");
            }
        }
        if (storage.ControlQueueVisibilityTimeout / 3 >= storage.WorkItemQueueVisibilityTimeout / 2)
        {
            // A work item whose activity completed here waits, still invisible, for its instance's episode,
            // renewed with the control messages every third of their timeout: that renewal must come
            // before the work item's own timeout runs out, with a margin, or it reappears and runs twice.
            errors.Add("extensions:durableTask:storageProvider:controlQueueVisibilityTimeout / 3 must be shorter than workItemQueueVisibilityTimeout / 2.");
        }
        if (storage.MinQueuePollingInterval <= TimeSpan.Zero || storage.MaxQueuePollingInterval < storage.MinQueuePollingInterval)
        {
            errors.Add("extensions:durableTask:storageProvider:maxQueuePollingInterval must be at least minQueuePollingInterval, which must be positive.");
        }
        if (storage.LeaseRenewInterval <= TimeSpan.Zero || storage.LeaseRenewInterval >= storage.LeaseInterval)
        {
            errors.Add("extensions:durableTask:storageProvider:leaseRenewInterval must be positive and shorter than leaseInterval.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[a-z][a-z0-9]{2,39}$")]
    private static partial Regex HubNamePattern();
}
