using System.Diagnostics.CodeAnalysis;

namespace Courier.Domain.Starting;

/// <summary>Task ids are GUIDs in the 8-4-4-4-12 form, accepted in any letter case (Butler's are case-sensitive).</summary>
public static class TaskIds
{
    /// <summary>The path segment that means "only the body says which tasks start".</summary>
    public const string BodyOnly = "-";

    public static bool TryParse(string? text, [NotNullWhen(true)] out Guid? id)
    {
        if (Guid.TryParseExact(text?.Trim(), "D", out var parsed))
        {
            id = parsed;
            return true;
        }
        id = null;
        return false;
    }
}
