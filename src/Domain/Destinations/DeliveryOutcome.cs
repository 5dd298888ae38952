namespace Courier.Domain.Destinations;

/// <summary>What happened to one delivery.</summary>
public enum DeliveryOutcome
{
    /// <summary>The file was sent now.</summary>
    Delivered,

    /// <summary>A previous execution with the same idempotency key already delivered it; nothing was sent.</summary>
    AlreadyDelivered,

    /// <summary>"Don't send empty files" applied.</summary>
    SkippedEmpty,

    /// <summary>The overwrite policy said skip because the target exists.</summary>
    SkippedExists,

    /// <summary>Test mode skips non-email destinations when the task asks for it.</summary>
    SkippedTestMode,
}
