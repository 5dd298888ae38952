namespace Courier.Durable.Dispatch;

/// <summary>The steps of an episode after which a crash must be survivable (reference §8.2 order).</summary>
internal enum CrashPoint
{
    AfterCommit,
    AfterSend,
    AfterOutboxDelete,
    AfterInstanceUpdate,
    AfterMessageDelete,
    BeforeCommit,
}
