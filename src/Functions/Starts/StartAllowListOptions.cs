using Courier.Domain.Starting;
using Courier.Domain.Model;

namespace Courier.Functions.Starts;

/// <summary>
/// The start allow-list from configuration (section <c>Courier:StartAllowList</c>), applied the same
/// way to HTTP and queue starts. Disabled (the default) allows every task.
/// </summary>
public sealed class StartAllowListOptions
{
    public const string Section = "Courier:StartAllowList";

    public bool Enabled { get; set; }

    public IList<Guid> TaskIds { get; } = [];

    public IList<string> Tags { get; } = [];

    public IList<CustomPropertyOption> CustomProperties { get; } = [];

    public StartAllowList ToAllowList() => new()
    {
        Enabled = Enabled,
        TaskIds = [.. TaskIds],
        Tags = [.. Tags],
        CustomProperties = [.. CustomProperties.Select(p => new CustomProperty { Name = p.Name, Value = p.Value })],
    };

    public sealed class CustomPropertyOption
    {
        public string Name { get; set; } = "";

        public string Value { get; set; } = "";
    }
}
