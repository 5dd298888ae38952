using Courier.Functions.Hosting;
using Courier.Testing;
using Microsoft.AspNetCore.Builder;

namespace Courier.Functions.Tests;

public sealed class ConfigurationTests : IDisposable
{
    private readonly string _root = TestRun.NewTempDirectory("config");

    [Fact]
    public void Local_settings_values_become_top_level_settings_with_double_underscore_as_section()
    {
        var path = Write(LocalSettingsFile.FileName, """
            {
              "IsEncrypted": false,
              "Values": {
                "AzureWebJobsStorage": "UseDevelopmentStorage=true",
                "Courier__BootstrapAdminKey": "from-underscores",
                "Courier:RateLimit:PermitLimit": 7,
                "Feature:Enabled": true
              },
              "ConnectionStrings": { "Reports": "Host=db" }
            }
            """);

        var settings = LocalSettingsFile.Read(path);

        Assert.Equal("UseDevelopmentStorage=true", settings["AzureWebJobsStorage"]);
        Assert.Equal("from-underscores", settings["Courier:BootstrapAdminKey"]);
        Assert.Equal("7", settings["Courier:RateLimit:PermitLimit"]);
        Assert.Equal("true", settings["Feature:Enabled"]);
        Assert.Equal("Host=db", settings["ConnectionStrings:Reports"]);
        Assert.False(settings.ContainsKey("Values:AzureWebJobsStorage"));
    }

    [Fact]
    public void An_encrypted_local_settings_file_is_refused_with_its_path()
    {
        var path = Write(LocalSettingsFile.FileName, """{ "IsEncrypted": true, "Values": {} }""");

        var error = Assert.Throws<InvalidOperationException>(() => LocalSettingsFile.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_json_then_local_settings_then_environment_then_command_line_each_override_the_previous()
    {
        var variable = $"CourierCfgTest{Guid.NewGuid():N}";
        Write(CourierConfiguration.HostFileName, $$"""
            {
              "extensions": { "durableTask": { "hubName": "fromhost" } },
              "courier": { "listenUrl": "http://127.0.0.1:7999" },
              "{{variable}}": { "a": "host", "b": "host", "c": "host", "d": "host" }
            }
            """);
        Write(LocalSettingsFile.FileName, $$"""
            { "Values": { "{{variable}}__b": "local", "{{variable}}:c": "local", "{{variable}}:d": "local" } }
            """);
        Environment.SetEnvironmentVariable($"{variable}__c", "environment");
        Environment.SetEnvironmentVariable($"{variable}__d", "environment");
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                ContentRootPath = _root,
                Args = [$"--{variable}:d=command-line"],
            });

            builder.AddCourierConfiguration().AddCourierListenUrl();

            var configuration = builder.Configuration;
            Assert.Equal("fromhost", configuration["extensions:durableTask:hubName"]);
            Assert.Equal("host", configuration[$"{variable}:a"]);
            Assert.Equal("local", configuration[$"{variable}:b"]);
            Assert.Equal("environment", configuration[$"{variable}:c"]);
            Assert.Equal("command-line", configuration[$"{variable}:d"]);
            Assert.Equal("http://127.0.0.1:7999", configuration["urls"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{variable}__c", null);
            Environment.SetEnvironmentVariable($"{variable}__d", null);
        }
    }

    [Fact]
    public void The_listen_url_defaults_to_the_functions_port_on_loopback_and_urls_overrides_it()
    {
        Write(CourierConfiguration.HostFileName, "{}");
        var plain = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _root });
        var overridden = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = _root,
            Args = ["--urls", "http://127.0.0.1:7555"],
        });

        plain.AddCourierConfiguration().AddCourierListenUrl();
        overridden.AddCourierConfiguration().AddCourierListenUrl();

        Assert.Equal("http://127.0.0.1:7071", plain.Configuration["urls"]);
        Assert.Equal("http://127.0.0.1:7555", overridden.Configuration["urls"]);
    }

    [Fact]
    public void The_port_the_functions_host_assigns_a_custom_handler_wins_over_host_json()
    {
        Write(CourierConfiguration.HostFileName, """{ "courier": { "listenUrl": "http://127.0.0.1:7999" } }""");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = _root,
            Args = ["--FUNCTIONS_CUSTOMHANDLER_PORT=7444"],
        });

        builder.AddCourierConfiguration().AddCourierListenUrl();

        Assert.Equal("http://127.0.0.1:7444", builder.Configuration["urls"]);
    }

    [Fact]
    public void The_committed_host_json_names_the_durable_hub()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = RepoPaths.Root });

        builder.AddCourierConfiguration();

        Assert.Equal("courier", builder.Configuration["extensions:durableTask:hubName"]);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
