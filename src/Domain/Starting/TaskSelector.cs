using Courier.Domain.Model;

namespace Courier.Domain.Starting;

/// <summary>One way a request named tasks: a task id (as written by the caller), a tag, or a property pair.</summary>
public sealed record TaskSelector(SelectorKind Kind, string Value, CustomProperty? Property = null)
{
    public static TaskSelector ForTaskId(string id) => new(SelectorKind.TaskId, id);

    public static TaskSelector ForTag(string tag) => new(SelectorKind.Tag, tag);

    public static TaskSelector ForCustomProperty(string name, string value) =>
        new(SelectorKind.CustomProperty, $"{name}={value}", new CustomProperty { Name = name, Value = value });

    /// <summary>How the match is reported back: "taskId", "tag:finance", "customProperty:dept=finance".</summary>
    public string Describe() => Kind switch
    {
        SelectorKind.TaskId => "taskId",
        SelectorKind.Tag => $"tag:{Value}",
        _ => $"customProperty:{Value}",
    };
}
