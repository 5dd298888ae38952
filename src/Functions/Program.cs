using Courier.Functions.Auth;
using Courier.Functions.Hosting;
using Courier.Functions.Http;
using Courier.Functions.Runs;
using Courier.Functions.Starts;

// Courier's one executable. Each line names one concern; the file it lives in says how.
var builder = WebApplication.CreateBuilder(args);

builder.AddCourierConfiguration();              // host.json < local.settings.json Values < environment < command line
builder.AddCourierListenUrl();                  // 127.0.0.1:7071 unless --urls / ASPNETCORE_URLS say otherwise
builder.Services.AddCourierStorage();           // AzureWebJobsStorage → table, queue and blob clients
builder.Services.AddCourierProblemDetails();    // RFC 7807 for every error
builder.Services.AddCourierJson();              // enums as camelCase names in every answer
builder.Services.AddCourierApiKeys();           // x-functions-key / ?code=, scopes as policies, bootstrap key
builder.Services.AddCourierRateLimiting();      // per API key
builder.Services.AddCourierHealth();
builder.Services.AddCourierForwardedCallers(); // X-Forwarded-For from Courier:TrustedProxies only
builder.Services.AddCourierOpenApi();
builder.Services.AddCourierCatalog(builder.Configuration); // projects, tasks, connections, recipients, groups
builder.Services.AddCourierRuns(builder.Configuration);    // durable runtime, RunTask orchestration, run records
builder.Services.AddCourierStarts(builder.Configuration);  // start API services, courier-start queue listener, schedule ticker
builder.Services.AddCourierPipeline();                     // sources, output files, destinations, notifications

var app = builder.Build();

// Order matters: the caller's real address first, errors outermost, then routing, then who is calling, how often, and whether they may.
app.UseForwardedHeaders();
app.UseCourierErrors();
app.UseRouting();
app.UseUnknownRouteNotFound();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapHealth();                                // GET /healthz, no key
app.MapCourierOpenApi();                        // GET /openapi/v1.json
var api = app.MapCourierApi();                  // /api/*: every route needs a key (see ApiGroup)
api.MapApiKeys();                               // /api/keys
api.MapCatalog();                               // /api/projects, tasks, connections, recipients, groups
api.MapRuns();                                  // /api/tasks/{id}/run, /api/projects/{id}/run, /api/runs/*
api.MapHub();                                   // /api/hub/reports: what a Hub user may see and download
app.MapStartTasks();                            // POST|PUT /v4/reloadtask/{taskId}/start and /v4/reloadtask/start (Butler-compatible)

await app.RunAsync();

/// <summary>Exposed for WebApplicationFactory in the host tests.</summary>
public partial class Program;
