namespace Courier.Functions.Hosting;

/// <summary>Where the host listens: 127.0.0.1:7071 (the Functions host's port) unless told otherwise.</summary>
public static class ListenUrl
{
    public const string Default = "http://127.0.0.1:7071";
    public const string SettingKey = "courier:listenUrl";

    /// <summary><c>--urls</c> and <c>ASPNETCORE_URLS</c> win; otherwise <c>courier:listenUrl</c> from host.json.</summary>
    public static WebApplicationBuilder AddCourierListenUrl(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(builder.Configuration[SettingKey] is { Length: > 0 } url ? url : Default);
        }
        return builder;
    }
}
