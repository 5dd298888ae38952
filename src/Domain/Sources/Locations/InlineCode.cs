using System.Text;

namespace Courier.Domain.Sources.Locations;

/// <summary>Text stored in the task itself.</summary>
public sealed class InlineCode(string text) : ICodeLocation
{
    public string Key => "inline";

    public bool IsRemote => false;

    public Task<Stream> OpenAsync(CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false));
}
