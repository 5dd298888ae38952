namespace Courier.Domain.Delivery;

/// <summary>Where a file from history is resent.</summary>
public enum ResendTarget
{
    /// <summary>The task's destinations as they are configured now (Atlas's behaviour).</summary>
    CurrentDestinations,

    /// <summary>The destinations the file actually went to in its run.</summary>
    OriginalDestinations,
}
