namespace Courier.Functions.Hosting;

/// <summary>Where the host listens: 127.0.0.1:7071 (the Functions host's port) unless told otherwise.</summary>
public static class ListenUrl
{
    public const string Default = "http://127.0.0.1:7071";
    public const string SettingKey = "courier:listenUrl";

    /// <summary>Set by the Azure Functions host when it runs Courier as a custom handler.</summary>
    public const string CustomHandlerPortKey = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>
    /// <c>--urls</c> and <c>ASPNETCORE_URLS</c> win; then the custom-handler port Azure assigns;
    /// then <c>courier:listenUrl</c> from host.json; then the default.
    /// </summary>
    public static WebApplicationBuilder AddCourierListenUrl(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (!string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey]))
        {
            return builder;
        }
        var url = configuration[CustomHandlerPortKey] is { Length: > 0 } port
            ? $"http://127.0.0.1:{port}"
            : configuration[SettingKey] is { Length: > 0 } configured ? configured : Default;
        builder.WebHost.UseUrls(url);
        return builder;
    }
}
