var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok(new { status = "starting" }));
await app.RunAsync();

/// <summary>Exposed for WebApplicationFactory in the host tests.</summary>
public partial class Program;
