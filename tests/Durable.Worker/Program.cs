using Courier.Durable.Dispatch;
using Courier.Durable.Hosting;
using Courier.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: Courier.Durable.Worker <connection-string> <hub-name>
// Settings come from environment variables (see WorkerSettings) so a test can shape each process.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Courier.Durable.Worker <connection-string> <hub-name>");
    return 2;
}
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(new EffectLog(args[0], args[1]));
builder.Services.AddSingleton<IDispatchHooks, CrashHooks>();
builder.Services.AddDurable(b => b.AddTestTasks(), options => WorkerSettings.Apply(options, args[0], args[1]));
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("worker started");
using var stopCounts = new CancellationTokenSource();
var counts = Environment.GetEnvironmentVariable("COURIER_DURABLE_COUNTS_FILE") is { Length: > 0 } countsFile
    ? RequestCountsFile.WriteAsync(countsFile, stopCounts.Token)
    : Task.CompletedTask;
await host.WaitForShutdownAsync();
await stopCounts.CancelAsync();
await counts;
return 0;
